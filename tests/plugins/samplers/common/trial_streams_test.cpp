// The samplers' streams: a pure function of (seed, trial number, stream), different when any
// of the three differs, and a skip that drops the first words.
#include <trial_streams.hpp>

#include <hpo_test/fake_study.hpp>

#include <doctest/doctest.h>

#include <cstdint>

using hpo::samplers::TrialStreams;

TEST_CASE("a trial's stream depends on the seed, the trial number and the stream alone") {
    const TrialStreams streams(7), again(7), other_seed(8);
    CHECK(streams.stream(3, 1).next() == again.stream(3, 1).next());
    CHECK(streams.stream(3, 1).next() != other_seed.stream(3, 1).next());
    CHECK(streams.stream(3, 1).next() != streams.stream(4, 1).next());
    CHECK(streams.stream(3, 1).next() != streams.stream(3, 2).next());
    CHECK(streams.stream(3, hpo::samplers::kTrialChoice).next() !=
          streams.stream(3, hpo::samplers::kJointProposal).next());
    CHECK(streams.study_key(hpo::samplers::kDesignShift) != streams.key(0, hpo::samplers::kDesignShift));

    hpo::test::FakeStudy study;
    study.add_float("x", 0, 1);
    study.start_trial();
    const int64_t second = study.start_trial();
    CHECK(streams.stream(study.view(), second, 0).next() == streams.stream(1, 0).next());
}

TEST_CASE("a skip drops the first words of every stream") {
    auto stream = TrialStreams(7).stream(3, 1);
    stream.next();
    CHECK(TrialStreams(7, 1).stream(3, 1).next() == stream.next());
}
