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
        return r;
    }();
    return shared;
}

inline std::shared_ptr<Study> make_study(const json &config) {
    return std::make_shared<Study>(registry(), StudyConfig::from_json(config));
}

}  // namespace hpo::test
