// The CLI's study-file reader: any bytes in a study file either are refused with a
// UsageError (which names the file) or give the three parts of a study file.
#include "fuzz_support.hpp"

#include "arguments.hpp"
#include "study_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const std::string path =
        hpo::fuzz::scratch_file("study.json", std::string_view(reinterpret_cast<const char *>(data), size));
    try {
        const hpo::cli::StudyFile file = hpo::cli::load_study_file(path);
        if (!file.study.is_object() || !file.objective.is_object()) std::abort();
    } catch (const hpo::cli::UsageError &refused) {
        if (std::string_view(refused.what()).find(path) == std::string_view::npos) std::abort();
    }
    return 0;
}
