#include "space_encoding.hpp"

#include <hpo_kit/study_view.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace hpo::samplers {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kNeutral = 0.5;

bool contains(const std::vector<double> &values, double v) {
    return std::find(values.begin(), values.end(), v) != values.end();
}

}  // namespace

SpaceEncoding::SpaceEncoding(const hpo_study_view &study, std::span<const int32_t> subspace,
                             std::span<const double> fixed) {
    if (!fixed.empty() && fixed.size() != subspace.size())
        throw std::invalid_argument("space encoding: fixed values do not match the subspace");
    std::vector<int> place_of;  // study index -> index into params_, or -1
    for (size_t i = 0; i < subspace.size(); ++i) {
        const hpo_param_info &info = plugin_kit::param_at(study, subspace[i]);
        Param p{subspace[i], samplers::ParamDomain(info), 0, 0, 0, -1, {},
                fixed.empty() ? kNaN : fixed[i]};
        p.t_low = p.domain.to_internal(p.domain.low());
        p.t_high = p.domain.to_internal(p.domain.high());
        p.column = n_features_;
        n_features_ += p.domain.categorical() ? p.domain.n_choices() : 1;
        if (info.parent >= 0 && info.parent < static_cast<int32_t>(place_of.size()) &&
            place_of[info.parent] >= 0) {
            p.parent = place_of[info.parent];
            p.parent_values.assign(info.parent_values, info.parent_values + info.n_parent_values);
        }
        place_of.resize(subspace[i] + 1, -1);
        place_of[subspace[i]] = static_cast<int>(i);
        params_.push_back(std::move(p));
    }
}

double SpaceEncoding::to_unit(const Param &p, double value) const {
    if (!(p.t_high > p.t_low))
        return kNeutral;
    const double t = p.domain.to_internal(value);
    return std::clamp((t - p.t_low) / (p.t_high - p.t_low), 0.0, 1.0);
}

double SpaceEncoding::from_unit_value(const Param &p, double u) const {
    const double t = p.t_low + std::clamp(u, 0.0, 1.0) * (p.t_high - p.t_low);
    return p.domain.to_value(t);
}

void SpaceEncoding::write(const Param &p, double value, Eigen::Ref<Eigen::VectorXd> x) const {
    if (!p.domain.categorical()) {
        x[p.column] = std::isnan(value) ? kNeutral : to_unit(p, value);
        return;
    }
    x.segment(p.column, p.domain.n_choices()).setZero();
    if (!std::isnan(value))
        x[p.column + static_cast<int>(value)] = 1.0;
}

Eigen::VectorXd SpaceEncoding::encode_trial(const double *study_params) const {
    Eigen::VectorXd x(n_features_);
    for (const Param &p : params_) {
        const double v = study_params[p.study_index];
        write(p, std::isnan(v) ? kNaN : p.domain.snap(v), x);
    }
    return x;
}

std::vector<double> SpaceEncoding::resolve(Eigen::Ref<Eigen::VectorXd> x) const {
    std::vector<double> values(params_.size(), kNaN);
    for (size_t i = 0; i < params_.size(); ++i) {
        const Param &p = params_[i];
        const bool active = p.parent < 0 || contains(p.parent_values, values[p.parent]);
        double v = kNaN;
        if (active && !std::isnan(p.fixed)) {
            v = p.domain.snap(p.fixed);
        } else if (active && p.domain.categorical()) {
            Eigen::Index best = 0;
            x.segment(p.column, p.domain.n_choices()).maxCoeff(&best);
            v = static_cast<double>(best);
        } else if (active && !p.domain.discrete()) {
            // A continuous float stays where it is (a round trip through the value would
            // perturb it), only clamped to the cube.
            x[p.column] = std::clamp(x[p.column], 0.0, 1.0);
            values[i] = from_unit_value(p, x[p.column]);
            continue;
        } else if (active) {
            v = from_unit_value(p, x[p.column]);
        }
        write(p, v, x);
        values[i] = v;
    }
    return values;
}

void SpaceEncoding::canonicalize(Eigen::Ref<Eigen::VectorXd> x) const { resolve(x); }

std::vector<double> SpaceEncoding::decode(const Eigen::VectorXd &x) const {
    Eigen::VectorXd copy = x;
    return resolve(copy);
}

Eigen::VectorXd SpaceEncoding::from_unit(std::span<const double> u) const {
    Eigen::VectorXd x = Eigen::VectorXd::Constant(n_features_, kNeutral);
    for (size_t i = 0; i < params_.size(); ++i) {
        const Param &p = params_[i];
        if (p.domain.categorical())
            write(p, std::min(std::floor(u[i] * p.domain.n_choices()), p.domain.n_choices() - 1.0),
                  x);
        else
            x[p.column] = u[i];
    }
    resolve(x);
    return x;
}

std::vector<int> SpaceEncoding::continuous_columns(const Eigen::VectorXd &x) const {
    const std::vector<double> values = decode(x);
    std::vector<int> columns;
    for (size_t i = 0; i < params_.size(); ++i) {
        const Param &p = params_[i];
        if (!p.domain.categorical() && !p.domain.discrete() && std::isnan(p.fixed) &&
            !std::isnan(values[i]) && p.t_high > p.t_low)
            columns.push_back(p.column);
    }
    return columns;
}

std::vector<Eigen::VectorXd> SpaceEncoding::discrete_neighbours(const Eigen::VectorXd &x) const {
    const std::vector<double> values = decode(x);
    std::vector<Eigen::VectorXd> out;
    auto push = [&](const Param &p, double value) {
        Eigen::VectorXd y = x;
        write(p, value, y);
        resolve(y);
        out.push_back(std::move(y));
    };
    for (size_t i = 0; i < params_.size(); ++i) {
        const Param &p = params_[i];
        if (std::isnan(values[i]) || !std::isnan(p.fixed))
            continue;
        if (p.domain.categorical()) {
            for (int c = 0; c < p.domain.n_choices(); ++c)
                if (c != static_cast<int>(values[i]))
                    push(p, c);
        } else if (p.domain.discrete()) {
            for (double delta : {-p.domain.step(), p.domain.step()}) {
                const double next = p.domain.snap(values[i] + delta);
                if (next != values[i])
                    push(p, next);
            }
        }
    }
    return out;
}

}  // namespace hpo::samplers
