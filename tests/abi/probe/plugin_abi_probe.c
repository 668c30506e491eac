/* Not a plugin: a library whose exported functions take every type of the plugin ABI, so that
 * abidw, reading its debug information, records their layouts and scripts/abi-check can hold
 * plugin.h to its baseline as it holds libhpo.so. */
#include <hpo/plugin.h>

HPO_EXPORT void hpo_abi_probe_views(const hpo_study_view *study, const hpo_trial_view *trial,
                                    const hpo_param_info *param) {
    (void)study, (void)trial, (void)param;
}

HPO_EXPORT void hpo_abi_probe_host(const hpo_host *host, const hpo_trial_api *trial_api,
                                   const hpo_runner_host *runner_host) {
    (void)host, (void)trial_api, (void)runner_host;
}

HPO_EXPORT void hpo_abi_probe_ops(const hpo_sampler_ops *sampler, const hpo_scheduler_ops *scheduler,
                                  const hpo_storage_ops *storage, const hpo_runner_ops *runner,
                                  const hpo_objective_ops *objective) {
    (void)sampler, (void)scheduler, (void)storage, (void)runner, (void)objective;
}

HPO_EXPORT void hpo_abi_probe_table(const hpo_plugin_table *table, const hpo_plugin_info *info,
                                    hpo_plugin_query_fn query) {
    (void)table, (void)info, (void)query;
}

HPO_EXPORT void hpo_abi_probe_enums(hpo_plugin_kind kind, hpo_log_level level, hpo_status status,
                                    hpo_trial_state state, hpo_param_kind param_kind, hpo_prior prior,
                                    hpo_direction direction) {
    (void)kind, (void)level, (void)status, (void)state, (void)param_kind, (void)prior, (void)direction;
}
