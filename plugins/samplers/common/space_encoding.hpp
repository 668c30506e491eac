// The map between parameter values and the unit cube, where a GP models and an optimizer
// moves (any sampler that searches a box: CMA-ES's, a quasi-random design's).
//
// - float and int: one column, (value - low) / (high - low), in log space when `log` is set.
//   Integers and stepped floats are snapped to their grid before encoding, and every point the
//   optimizer proposes is snapped the same way (canonicalize), so the kernel only ever sees
//   values the parameter can take.
// - categorical: one column per choice, one-hot.
// - an inactive parameter (its condition unmet, or NaN in a trial) sits at a neutral place:
//   0.5 for a numeric column, all zeros for a categorical (equidistant from every choice).
//   No separate indicator is needed: whether a child is active is already told by its
//   parent's columns.
// - a parameter whose parent is outside the subspace is treated as unconditional.
// Parameters with a fixed value (enqueued into the trial being sampled) keep that value in
// every candidate. Priors (normal mu/sigma) are not used: the cube is the whole box.
#pragma once

#include <param_domain.hpp>

#include <hpo/plugin.h>

#include <Eigen/Core>

#include <cstdint>
#include <span>
#include <vector>

namespace hpo::samplers {

class SpaceEncoding {
public:
    // `subspace`: the indices (increasing) of the study's parameters modeled; `fixed` has one
    // value per subspace entry (NaN: free), or is empty.
    SpaceEncoding(const hpo_study_view &study, std::span<const int32_t> subspace,
                  std::span<const double> fixed);

    int n_features() const { return n_features_; }
    int n_params() const { return static_cast<int>(params_.size()); }

    // Features of a trial's parameter values, given in the study's order.
    Eigen::VectorXd encode_trial(const double *study_params) const;
    // Subspace-ordered values of a canonical point (NaN for inactive parameters).
    std::vector<double> decode(const Eigen::VectorXd &x) const;
    // Snaps discrete columns, makes categoricals one-hot, applies fixed values, clamps to the
    // cube and puts inactive parameters at their neutral place.
    void canonicalize(Eigen::Ref<Eigen::VectorXd> x) const;
    // A canonical point from one number in [0, 1) per parameter (a categorical's number picks
    // its choice): how random and Sobol points become candidates.
    Eigen::VectorXd from_unit(std::span<const double> u) const;

    // Columns the continuous optimizer may move at x: active, free, unstepped floats.
    std::vector<int> continuous_columns(const Eigen::VectorXd &x) const;
    // Canonical points one discrete move away from x: an active free int or stepped float one
    // grid step up or down, or a categorical switched to another choice.
    std::vector<Eigen::VectorXd> discrete_neighbours(const Eigen::VectorXd &x) const;

private:
    struct Param {
        int32_t study_index;
        samplers::ParamDomain domain;
        double t_low, t_high;    // bounds of the value in internal space (log applied)
        int column;              // first feature column
        int parent;              // index into params_, or -1
        std::vector<double> parent_values;
        double fixed;            // NaN when free
    };

    double to_unit(const Param &p, double value) const;
    double from_unit_value(const Param &p, double u) const;
    // Writes a value (NaN: inactive) into p's columns.
    void write(const Param &p, double value, Eigen::Ref<Eigen::VectorXd> x) const;
    // Canonicalizes x in place and returns each parameter's value there (NaN: inactive).
    std::vector<double> resolve(Eigen::Ref<Eigen::VectorXd> x) const;

    std::vector<Param> params_;
    int n_features_ = 0;
};

}  // namespace hpo::samplers
