// hpo_study_figure_json: the study's plots as plotly figures (engine/figures/), read from the
// same JSON every other reader of the study gets.
#include "boundary.hpp"
#include "figures.hpp"
#include "handles.hpp"

using namespace hpo;
using namespace hpo::capi;

extern "C" {

HPO_API int32_t hpo_study_figure_json(hpo_study *study, const char *kind, const char *options_json, char **out_json) {
    return guarded([&] {
        require(study, "hpo_study_figure_json", "study");
        require_text(kind, "hpo_study_figure_json", "kind");
        require(out_json, "hpo_study_figure_json", "out_json");
        const json options = options_json ? parse_json(options_json, "figure options") : json(nullptr);
        Study &s = *study->study;
        auto read = figures::read_study(s.info_json(), s.trials_json(), s.best_trials_json());
        read.importances = [&s](const figures::json &importance_options) {
            return figures::json(s.param_importances(nlohmann::json(importance_options)));
        };
        *out_json = copy_out(figures::make_figure(kind, read, options).dump());
        return HPO_OK;
    });
}

}
