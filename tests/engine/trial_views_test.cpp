// The incrementally kept plugin views: whatever changes between two leases, a lease shows
// exactly what a view built from scratch would.
#include "trial_views.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <deque>
#include <optional>

using namespace hpo;

namespace {

TrialRecord record(int64_t number, std::size_t n_params) {
    TrialRecord trial;
    trial.number = trial.id = number;
    trial.state = HPO_TRIAL_RUNNING;
    trial.params.assign(n_params, std::nan(""));
    return trial;
}

bool same_number(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

// Checks every field a plugin reads against the records.
void check_matches(const TrialViews::Lease &lease, const std::deque<TrialRecord> &trials, std::size_t n_params) {
    REQUIRE(lease.n_trials() == static_cast<int64_t>(trials.size()));
    for (std::size_t i = 0; i < trials.size(); ++i) {
        const hpo_trial_view &view = lease.views()[i];
        const TrialRecord &trial = trials[i];
        CAPTURE(i);
        CHECK(view.number == trial.number);
        CHECK(view.state == trial.state);
        for (std::size_t p = 0; p < n_params; ++p) {
            CHECK(same_number(view.params[p], p < trial.params.size() ? trial.params[p] : std::nan("")));
        }
        CHECK((view.values != nullptr) == (trial.state == HPO_TRIAL_COMPLETE));
        if (view.values != nullptr) CHECK(view.values[0] == trial.values[0]);
        REQUIRE(view.n_intermediate == static_cast<int64_t>(trial.steps.size()));
        for (std::size_t k = 0; k < trial.steps.size(); ++k) {
            CHECK(view.intermediate_steps[k] == trial.steps[k]);
            CHECK(view.intermediate_values[k] == trial.intermediate[k]);
        }
        CHECK(std::string(view.system_attrs_json) == trial.system_attrs_text);
    }
}

}  // namespace

TEST_CASE("a lease shows every change made since the last one, and nothing a later change makes") {
    TrialViews views;
    std::deque<TrialRecord> trials;
    std::size_t n_params = 2;
    for (int64_t n = 0; n < 5; ++n) trials.push_back(record(n, n_params));
    {
        const auto lease = views.lease(trials, n_params);
        check_matches(lease, trials, n_params);
    }
    SUBCASE("changed trials, new trials, reports and attributes") {
        trials[1].params = {0.25, 0.5};
        trials[1].state = HPO_TRIAL_COMPLETE;
        trials[1].values = {3.0};
        views.changed(1);
        trials[3].add_intermediate(0, 0.7);
        trials[3].set_system_attrs({{"bracket", 2}});
        views.changed(3);
        trials.push_back(record(5, n_params));
        const auto lease = views.lease(trials, n_params);
        check_matches(lease, trials, n_params);
    }
    SUBCASE("a lease held while others lease and trials change keeps what it showed") {
        auto held = std::make_optional(views.lease(trials, n_params));
        const std::deque<TrialRecord> before = trials;
        trials[0].params = {0.1, 0.2};
        views.changed(0);
        trials.push_back(record(5, n_params));
        {
            const auto second = views.lease(trials, n_params);  // the held buffer is not free
            check_matches(second, trials, n_params);
        }
        check_matches(*held, before, n_params);
        held.reset();
        trials[2].params = {0.9, 0.9};
        views.changed(2);
        check_matches(views.lease(trials, n_params), trials, n_params);
    }
    SUBCASE("a grown space rebuilds every view with the new parameter") {
        n_params = 3;
        for (auto &trial : trials) trial.params.resize(n_params, std::nan(""));
        trials[4].params[2] = 1.5;
        views.changed_all();
        check_matches(views.lease(trials, n_params), trials, n_params);
    }
    SUBCASE("the last trial may go, and its number come back") {
        trials.pop_back();
        check_matches(views.lease(trials, n_params), trials, n_params);
        trials.push_back(record(4, n_params));
        trials[4].params = {0.3, 0.3};
        check_matches(views.lease(trials, n_params), trials, n_params);
    }
    SUBCASE("a reader's own parameters for one trial stay its own") {
        {
            auto lease = views.lease(trials, n_params);
            const double mine[2] = {0.5, 0.5};
            lease.override_params(2, mine);
            CHECK(lease.views()[2].params[0] == 0.5);
        }
        check_matches(views.lease(trials, n_params), trials, n_params);
    }
}
