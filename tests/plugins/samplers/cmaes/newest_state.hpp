// The distribution a cmaes study holds: the state recorded by the trial that opened the newest
// generation (the first such trial when two opened it at once).
#pragma once

#include <nlohmann/json.hpp>

#include <vector>

namespace hpo::test {

// `system_attrs`: each trial's system attributes, in trial order. Null when none has a state.
inline nlohmann::json newest_cmaes_state(const std::vector<nlohmann::json> &system_attrs) {
    nlohmann::json newest;
    for (const nlohmann::json &attrs : system_attrs)
        if (attrs.contains("cmaes:state") &&
            (newest.is_null() || attrs["cmaes:generation"] > newest["generation"]))
            newest = attrs["cmaes:state"];
    return newest;
}

} // namespace hpo::test
