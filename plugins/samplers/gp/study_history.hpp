// What the GP learns from: the study's finished trials as encoded points and minimized
// values, and the pending points of trials still running.
//
// Observations are COMPLETE trials with finite values, whatever their origin (sampled,
// enqueued, or told from outside). Pending points are other RUNNING or WAITING trials that
// already have a value for some modeled parameter. PRUNED and FAIL trials are left out.
#pragma once

#include <space_encoding.hpp>

#include <hpo/plugin.h>

#include <Eigen/Core>

#include <cstdint>
#include <span>
#include <vector>

namespace hpo::gp {

struct StudyHistory {
    std::vector<int64_t> ids;  // observed trials, in the order of `points`' columns
    Eigen::MatrixXd points;    // features x observations
    Eigen::MatrixXd values;    // observations x objectives, each to be minimized
    Eigen::MatrixXd pending;   // features x pending trials
};

// `previous_order` lists the trial ids the caller modeled last time: those come first, in
// that order, then the others by trial number, so a cached factor stays a prefix even when
// trials finish out of order.
StudyHistory collect_history(const hpo_study_view &study, int64_t trial_index,
                             std::span<const int32_t> subspace,
                             const samplers::SpaceEncoding &encoding,
                             const std::vector<int64_t> &previous_order);

// One target per observation. A single objective is returned as is; several are scalarized
// as in ParEGO (Knowles 2006): each normalized to [0, 1] over the observations, then
// max_j w_j f_j + 0.05 sum_j w_j f_j with weights drawn uniformly from the simplex by `seed`.
Eigen::VectorXd scalarize(const Eigen::MatrixXd &values, uint64_t seed);

}  // namespace hpo::gp
