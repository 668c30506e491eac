// What a study holds after the killed-worker scenario every shared storage is tested with: a
// worker finished 5 trials, was killed (SIGKILL) mid-sixth, and after the grace period another
// worker ran 3 trials with heartbeat retries on.
#pragma once

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <string>

namespace hpo::test {

// 5 complete, the killed one failed by heartbeat, its retry with the same parameters, 2 new.
inline void check_killed_trial_retried(const nlohmann::json &trials) {
    REQUIRE(trials.size() == 9);
    for (int i = 0; i < 5; ++i) CHECK(trials[i]["state"] == "COMPLETE");
    CHECK(trials[5]["state"] == "FAIL");
    CHECK(trials[5]["message"].get<std::string>().find("heartbeat") != std::string::npos);
    CHECK(trials[6]["system_attrs"]["retry_of"] == 5);
    CHECK(trials[6]["params"] == trials[5]["params"]);
    CHECK(trials[6]["state"] == "COMPLETE");
}

} // namespace hpo::test
