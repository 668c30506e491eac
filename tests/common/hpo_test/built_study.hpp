// A study over the build tree's plugins (HPO_TEST_PLUGIN_DIR), for the tests that link the
// engine and open studies by config as a worker does: one registry per process, shared by
// every study it opens (and inherited by worker processes forked after the first).
#pragma once

#include "registry.hpp"
#include "study.hpp"

#include <memory>

namespace hpo::test {

inline std::shared_ptr<Study> open_built_study(const json &config) {
    static const auto registry = [] {
        auto shared = std::make_shared<Registry>(false);
        shared->add_path(HPO_TEST_PLUGIN_DIR);
        return shared;
    }();
    return std::make_shared<Study>(registry, StudyConfig::from_json(config));
}

}  // namespace hpo::test
