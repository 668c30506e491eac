// The study configuration: any text either is refused with hpo::Error or makes a study (in
// memory, whatever storage it names) that runs one trial through its sampler and scheduler.
#include "fuzz_support.hpp"

#include "error.hpp"
#include "registry.hpp"
#include "study.hpp"
#include "text_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const auto registry = [] {
        auto made = std::make_shared<hpo::Registry>(false);
        made->add_path(HPO_FUZZ_PLUGIN_DIR);
        return made;
    }();
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    try {
        hpo::StudyConfig config = hpo::StudyConfig::from_json(hpo::parse_json_text(text, "study config"));
        config.storage = "memory:";  // never a file or a server the input names
        hpo::Study study(registry, std::move(config));
        if (const auto number = study.ask()) {
            study.tell(*number, HPO_TRIAL_COMPLETE, std::vector<double>(study.n_objectives(), 1.0), "");
        }
        (void)study.best_trials_json();
    } catch (const hpo::Error &) {
    }
    return 0;
}
