// The incrementally kept plugin views: whatever changes between two leases, a lease shows
// exactly what a view built from scratch would.
#include "trial_views.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
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

constexpr uint32_t kStride = sizeof(hpo_trial_view);

// Entry i of a leased buffer, at the buffer's own stride.
const hpo_trial_view &view_at(const TrialViews::Lease &lease, std::size_t i) {
    return *reinterpret_cast<const hpo_trial_view *>(reinterpret_cast<const char *>(lease.views()) + i * lease.stride());
}

bool same_number(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

// Checks every field a plugin reads against the records.
void check_matches(const TrialViews::Lease &lease, const std::deque<TrialRecord> &trials, std::size_t n_params) {
    REQUIRE(lease.n_trials() == static_cast<int64_t>(trials.size()));
    for (std::size_t i = 0; i < trials.size(); ++i) {
        const hpo_trial_view &view = view_at(lease, i);
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
        if (lease.stride() < sizeof(hpo_trial_view)) {
            CHECK(view.struct_size == lease.stride());  // a whole view of the older ABI
            continue;
        }
        REQUIRE(view.n_constraints == static_cast<int32_t>(trial.constraints.size()));
        for (std::size_t k = 0; k < trial.constraints.size(); ++k) CHECK(view.constraints[k] == trial.constraints[k]);
    }
}

}  // namespace

TEST_CASE("a lease shows every change made since the last one, and nothing a later change makes") {
    TrialViews views;
    std::deque<TrialRecord> trials;
    std::size_t n_params = 2;
    for (int64_t n = 0; n < 5; ++n) trials.push_back(record(n, n_params));
    {
        const auto lease = views.lease(trials, n_params, kStride);
        check_matches(lease, trials, n_params);
    }
    SUBCASE("changed trials, new trials, reports and attributes") {
        trials[1].params = {0.25, 0.5};
        trials[1].state = HPO_TRIAL_COMPLETE;
        trials[1].values = {3.0};
        views.changed(1);
        trials[3].add_intermediate(0, 0.7);
        trials[3].set_system_attrs({{"bracket", 2}});
        trials[3].constraints = {0.5, -1.0};
        views.changed(3);
        trials.push_back(record(5, n_params));
        const auto lease = views.lease(trials, n_params, kStride);
        check_matches(lease, trials, n_params);
    }
    SUBCASE("a lease held while others lease and trials change keeps what it showed") {
        auto held = std::make_optional(views.lease(trials, n_params, kStride));
        const std::deque<TrialRecord> before = trials;
        trials[0].params = {0.1, 0.2};
        views.changed(0);
        trials.push_back(record(5, n_params));
        {
            const auto second = views.lease(trials, n_params, kStride);  // the held buffer is not free
            check_matches(second, trials, n_params);
        }
        check_matches(*held, before, n_params);
        held.reset();
        trials[2].params = {0.9, 0.9};
        views.changed(2);
        check_matches(views.lease(trials, n_params, kStride), trials, n_params);
    }
    SUBCASE("a grown space rebuilds every view with the new parameter") {
        n_params = 3;
        for (auto &trial : trials) trial.params.resize(n_params, std::nan(""));
        trials[4].params[2] = 1.5;
        views.changed_all();
        check_matches(views.lease(trials, n_params, kStride), trials, n_params);
    }
    SUBCASE("the last trial may go, and its number come back") {
        trials.pop_back();
        check_matches(views.lease(trials, n_params, kStride), trials, n_params);
        trials.push_back(record(4, n_params));
        trials[4].params = {0.3, 0.3};
        check_matches(views.lease(trials, n_params, kStride), trials, n_params);
    }
    SUBCASE("a reader's own parameters for one trial stay its own") {
        {
            auto lease = views.lease(trials, n_params, kStride);
            const double mine[2] = {0.5, 0.5};
            lease.override_params(2, mine);
            CHECK(view_at(lease, 2).params[0] == 0.5);
        }
        check_matches(views.lease(trials, n_params, kStride), trials, n_params);
    }
}

TEST_CASE("a plugin of ABI 1.0 is lent views cut to the 1.0 size, which it steps through by that size") {
    TrialViews views;
    std::deque<TrialRecord> trials;
    for (int64_t n = 0; n < 4; ++n) trials.push_back(record(n, 2));
    trials[2].params = {0.5, 0.25};
    trials[2].constraints = {1.0};
    views.changed(2);
    const uint32_t stride_1_0 = offsetof(hpo_trial_view, n_constraints);
    {
        const auto narrow = views.lease(trials, 2, stride_1_0);
        CHECK(narrow.stride() == stride_1_0);
        check_matches(narrow, trials, 2);
        const auto full = views.lease(trials, 2, kStride);  // both layouts at once
        check_matches(full, trials, 2);
    }
    trials[3].params = {0.75, 0.75};
    views.changed(3);
    check_matches(views.lease(trials, 2, stride_1_0), trials, 2);
}
