// Studies over the build tree's plugins, for the engine's tests.
#pragma once

#include "registry.hpp"
#include "study.hpp"

#include <memory>

namespace hpo::test {

inline std::shared_ptr<Registry> registry() {
    static const auto shared = [] {
        auto r = std::make_shared<Registry>(false);
        r->add_path(HPO_TEST_PLUGIN_DIR);
#ifdef ENGINE_TEST_PLUGIN_DIR
        r->add_path(ENGINE_TEST_PLUGIN_DIR);  // plugins written for the engine's tests
#endif
        return r;
    }();
    return shared;
}

inline std::shared_ptr<Study> make_study(const json &config) {
    return std::make_shared<Study>(registry(), StudyConfig::from_json(config));
}

// A declared space of n floats x0, x1, ... in [0, 1].
inline json unit_floats(int n) {
    json space = json::object();
    for (int i = 0; i < n; ++i) space["x" + std::to_string(i)] = {{"type", "float"}, {"low", 0}, {"high", 1}};
    return space;
}

}  // namespace hpo::test
