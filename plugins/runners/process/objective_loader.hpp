// The worker's side of plugins: finds an objective plugin by name in plugin folders and
// creates an instance of it, as the engine would, with a host of the worker's own.
#pragma once

#include <hpo/plugin.h>

#include <filesystem>
#include <string>
#include <vector>

namespace hpo::runners {

class LoadedObjective {
public:
    // Looks for `name` in every lib*.so of the folders, in order; std::runtime_error naming
    // the folders searched when none has it, or with the plugin's message when create fails.
    LoadedObjective(const std::vector<std::filesystem::path> &folders, const std::string &name,
                    const std::string &options_json, uint64_t seed);
    LoadedObjective(const LoadedObjective &) = delete;
    LoadedObjective &operator=(const LoadedObjective &) = delete;
    ~LoadedObjective();

    // The plugin's evaluate; the message it set with an error status is last_error().
    int32_t evaluate(const hpo_trial_api &api, hpo_trial_ref *trial, double *values, int32_t n_values);

    // The last message set_error was given (by the plugin, or by the trial API's failures).
    static std::string &last_error();

private:
    const hpo_objective_ops *ops_ = nullptr;
    void *self_ = nullptr;
    hpo_host host_{};
};

}  // namespace hpo::runners
