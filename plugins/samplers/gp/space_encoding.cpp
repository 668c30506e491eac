#include "space_encoding.hpp"

#include <hpo_kit/study_view.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace hpo::gp {

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
        throw std::invalid_argument("gp: fixed values do not match the subspace");
    std::vector<int> place_of;  // study index -> index into params_, or -1
    for (size_t i = 0; i < subspace.size(); ++i) {
        const hpo_param_info &info = plugin_kit::param_at(study, subspace[i]);
        const std::string name = info.name ? info.name : "?";
        Param p{};
        p.study_index = subspace[i];
        p.kind = info.kind;
        p.log = info.log != 0;
        p.low = info.low;
        p.high = info.high;
        p.step = info.kind == HPO_PARAM_CATEGORICAL ? 0.0 : info.step;
        p.n_choices = info.kind == HPO_PARAM_CATEGORICAL ? info.n_choices : 0;
        p.fixed = fixed.empty() ? kNaN : fixed[i];
        if (p.kind == HPO_PARAM_CATEGORICAL && p.n_choices < 1)
            throw std::invalid_argument("gp: categorical parameter '" + name + "' has no choices");
        if (p.kind != HPO_PARAM_CATEGORICAL && !(p.low <= p.high))
            throw std::invalid_argument("gp: parameter '" + name + "' has low > high");
        if (p.log && !(p.low > 0))
            throw std::invalid_argument("gp: log parameter '" + name + "' needs low > 0");
        if (p.kind == HPO_PARAM_INT && p.step < 1)
            p.step = 1;
        p.t_low = p.log ? std::log(p.low) : p.low;
        p.t_high = p.log ? std::log(p.high) : p.high;
        p.column = n_features_;
        n_features_ += p.kind == HPO_PARAM_CATEGORICAL ? p.n_choices : 1;
        p.parent = -1;
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

double SpaceEncoding::snap(const Param &p, double value) const {
    if (p.kind == HPO_PARAM_CATEGORICAL)
        return std::clamp(std::round(value), 0.0, static_cast<double>(p.n_choices - 1));
    if (p.step <= 0)
        return std::clamp(value, p.low, p.high);
    const double last = std::floor((p.high - p.low) / p.step + 1e-9);
    const double k = std::clamp(std::round((value - p.low) / p.step), 0.0, last);
    return p.low + k * p.step;
}

double SpaceEncoding::to_unit(const Param &p, double value) const {
    if (!(p.t_high > p.t_low))
        return kNeutral;
    const double t = p.log ? std::log(value) : value;
    return std::clamp((t - p.t_low) / (p.t_high - p.t_low), 0.0, 1.0);
}

double SpaceEncoding::from_unit_value(const Param &p, double u) const {
    const double t = p.t_low + std::clamp(u, 0.0, 1.0) * (p.t_high - p.t_low);
    return snap(p, p.log ? std::exp(t) : t);
}

void SpaceEncoding::write(const Param &p, double value, Eigen::Ref<Eigen::VectorXd> x) const {
    if (p.kind != HPO_PARAM_CATEGORICAL) {
        x[p.column] = std::isnan(value) ? kNeutral : to_unit(p, value);
        return;
    }
    x.segment(p.column, p.n_choices).setZero();
    if (!std::isnan(value))
        x[p.column + static_cast<int>(value)] = 1.0;
}

Eigen::VectorXd SpaceEncoding::encode_trial(const double *study_params) const {
    Eigen::VectorXd x(n_features_);
    for (const Param &p : params_) {
        const double v = study_params[p.study_index];
        write(p, std::isnan(v) ? kNaN : snap(p, v), x);
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
            v = snap(p, p.fixed);
        } else if (active && p.kind == HPO_PARAM_CATEGORICAL) {
            Eigen::Index best = 0;
            x.segment(p.column, p.n_choices).maxCoeff(&best);
            v = static_cast<double>(best);
        } else if (active && p.step <= 0) {
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
        if (p.kind == HPO_PARAM_CATEGORICAL)
            write(p, std::min(std::floor(u[i] * p.n_choices), p.n_choices - 1.0), x);
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
        if (p.kind != HPO_PARAM_CATEGORICAL && p.step <= 0 && std::isnan(p.fixed) &&
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
        if (p.kind == HPO_PARAM_CATEGORICAL) {
            for (int c = 0; c < p.n_choices; ++c)
                if (c != static_cast<int>(values[i]))
                    push(p, c);
        } else if (p.step > 0) {
            for (double delta : {-p.step, p.step}) {
                const double next = snap(p, values[i] + delta);
                if (next != values[i])
                    push(p, next);
            }
        }
    }
    return out;
}

}  // namespace hpo::gp
