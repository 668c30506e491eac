// The search space: parameters in parents-first order, conditions resolved to their parents'
// internal values, values converted between the user's JSON and internal doubles, and the
// plugin ABI's view of it all kept in sync.
#include "error.hpp"
#include "space.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <queue>
#include <span>
#include <unordered_map>

namespace hpo {
namespace {

// How far, in steps, a float may lie from its step grid and still be on it: room for the
// rounding of decimal steps such as 0.1, far below any step anyone means.
constexpr double kGridTolerance = 1e-6;

bool on_grid(double offset, double step) {
    const double steps = offset / step;
    return std::abs(steps - std::round(steps)) <= kGridTolerance;
}

bool is_integral(double value) { return std::isfinite(value) && value == std::floor(value); }

// The distribution alone, for messages about values outside it.
std::string domain_text(const Param &param) {
    json domain = param.to_json();
    domain.erase("condition");
    return domain.dump();
}

struct Condition {
    int32_t parent = -1;
    std::vector<double> values;  // the parent's internal values
};

// Resolves param's condition against the parameters before it, refusing a parent that is
// absent, a float, or cannot take one of the values.
Condition resolve_condition(std::span<const Param> earlier, const Param &param) {
    Condition condition;
    if (param.parent.empty()) return condition;
    auto parent = std::find_if(earlier.begin(), earlier.end(),
                               [&](const Param &p) { return p.name == param.parent; });
    if (parent == earlier.end())
        fail_param(param.name, "condition on " + in_quotes(param.parent) +
                                   ", which is not in the space before it (a parent comes first)");
    if (parent->kind == HPO_PARAM_FLOAT)
        fail_param(param.name, "condition on the float " + in_quotes(param.parent) +
                                   "; a parent must be a categorical or an int");
    for (const json &value : param.parent_choices) {
        std::optional<double> internal = parent->find_internal(value);
        if (!internal)
            fail_param(param.name, "condition value " + value.dump() + " is not a value " +
                                       in_quotes(param.parent) + " can take: " + domain_text(*parent));
        condition.values.push_back(*internal);
    }
    condition.parent = static_cast<int32_t>(parent - earlier.begin());
    return condition;
}

[[noreturn]] void fail_cycle(const std::vector<Param> &params, const std::vector<std::size_t> &parent_of,
                             std::size_t start) {
    // Every parameter left unordered lies on a cycle or below one: walk up until one repeats.
    std::vector<bool> seen(params.size());
    std::size_t at = start;
    while (!seen[at]) {
        seen[at] = true;
        at = parent_of[at];
    }
    std::string cycle = in_quotes(params[at].name);
    for (std::size_t i = parent_of[at]; i != at; i = parent_of[i]) cycle += " -> " + in_quotes(params[i].name);
    fail_param(params[at].name, "conditions form a cycle: " + cycle + " -> " + in_quotes(params[at].name) +
                                    " (each is conditioned on the next)");
}

// Written order, except that a child waits for its parent: Kahn's algorithm taking the
// earliest written of the ready parameters each time.
std::vector<std::size_t> parents_first_order(const std::vector<Param> &params) {
    const std::size_t n = params.size();
    std::unordered_map<std::string_view, std::size_t> index;
    for (std::size_t i = 0; i < n; ++i) index.emplace(params[i].name, i);
    std::vector<std::size_t> parent_of(n, n);
    std::vector<std::vector<std::size_t>> children(n);
    std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
    for (std::size_t i = 0; i < n; ++i) {
        if (params[i].parent.empty()) {
            ready.push(i);
            continue;
        }
        auto parent = index.find(params[i].parent);
        if (parent == index.end())
            fail_param(params[i].name, "condition on unknown parameter " + in_quotes(params[i].parent));
        parent_of[i] = parent->second;
        children[parent->second].push_back(i);
    }
    std::vector<std::size_t> order;
    std::vector<bool> placed(n);
    while (!ready.empty()) {
        const std::size_t i = ready.top();
        ready.pop();
        order.push_back(i);
        placed[i] = true;
        for (std::size_t child : children[i]) ready.push(child);
    }
    if (order.size() < n)
        fail_cycle(params, parent_of, static_cast<std::size_t>(std::find(placed.begin(), placed.end(), false) -
                                                               placed.begin()));
    return order;
}

}  // namespace

std::optional<double> Param::find_internal(const json &external) const {
    if (kind == HPO_PARAM_CATEGORICAL) {
        // JSON equality: 1 and 1.0 are the same choice.
        auto it = std::find(choices.begin(), choices.end(), external);
        if (it == choices.end()) return std::nullopt;
        return static_cast<double>(it - choices.begin());
    }
    if (!external.is_number()) return std::nullopt;
    const double value = external.get<double>();
    if (!contains(value)) return std::nullopt;
    return value;
}

bool Param::contains(double internal) const {
    switch (kind) {
    case HPO_PARAM_CATEGORICAL:
        return is_integral(internal) && internal >= 0 && internal < static_cast<double>(choices.size());
    case HPO_PARAM_INT:
        return is_integral(internal) && internal >= low && internal <= high &&
               std::fmod(internal - low, step) == 0;
    default:
        return internal >= low && internal <= high && (step == 0 || on_grid(internal - low, step));
    }
}

double Param::snap(double internal) const {
    if (std::isnan(internal)) return internal;
    if (kind == HPO_PARAM_CATEGORICAL)
        return std::clamp(std::round(internal), 0.0, static_cast<double>(choices.size()) - 1);
    // An int's step is at least 1, so the grid also rounds it (in the natural domain, log or not).
    double value = std::clamp(internal, low, high);
    if (step > 0) value = std::min(high, low + std::round((value - low) / step) * step);
    return value;
}

Space::Space(const Space &other) : params_(other.params_) { rebuild_infos(); }

Space &Space::operator=(const Space &other) {
    if (this != &other) {
        params_ = other.params_;
        rebuild_infos();
    }
    return *this;
}

Space Space::from_json(const json &spec) {
    if (!spec.is_object())
        fail(HPO_EINVAL, "a space must be an object of parameters by name, got " + std::string(spec.type_name()));
    std::vector<Param> written;
    for (const auto &[name, param_spec] : spec.items()) written.push_back(Param::from_json(name, param_spec));
    Space space;
    for (std::size_t i : parents_first_order(written)) space.params_.push_back(std::move(written[i]));
    space.rebuild_infos();  // resolves the conditions: refuses float parents and unknown values
    return space;
}

json Space::to_json() const {
    json out = json::object();
    for (const Param &param : params_) out[param.name] = param.to_json();
    return out;
}

int Space::index_of(std::string_view name) const {
    auto it = std::find_if(params_.begin(), params_.end(), [&](const Param &p) { return p.name == name; });
    return it == params_.end() ? -1 : static_cast<int>(it - params_.begin());
}

int Space::add(const Param &param) {
    param.validate();
    if (int existing = index_of(param.name); existing >= 0) {
        const Param &known = params_[static_cast<std::size_t>(existing)];
        if (known.same_distribution(param)) return existing;
        fail_param(param.name, "already in the space as " + known.to_json().dump() +
                                   ", cannot be redefined as " + param.to_json().dump());
    }
    resolve_condition(params_, param);  // refuses before the space changes
    params_.push_back(param);
    rebuild_infos();
    return static_cast<int>(params_.size() - 1);
}

bool Space::is_active(std::size_t i, const double *values) const {
    const int32_t parent = infos_[i].parent;
    if (parent < 0) return true;
    // An inactive parent's NaN equals none of the values.
    const std::vector<double> &allowed = parent_values_[i];
    return std::find(allowed.begin(), allowed.end(), values[parent]) != allowed.end();
}

json Space::to_external(std::size_t i, double internal) const {
    if (std::isnan(internal)) return nullptr;
    const Param &param = params_[i];
    if (!param.contains(internal))
        fail_param(param.name, "internal value " + json(internal).dump() + " is outside " + domain_text(param));
    switch (param.kind) {
    case HPO_PARAM_CATEGORICAL: return param.choices[static_cast<std::size_t>(internal)];
    case HPO_PARAM_INT: return static_cast<int64_t>(internal);
    default: return internal;
    }
}

double Space::to_internal(std::size_t i, const json &external) const {
    const Param &param = params_[i];
    if (std::optional<double> internal = param.find_internal(external)) return *internal;
    // null is inactive, unless a categorical lists it as a choice (found above).
    if (external.is_null()) return std::numeric_limits<double>::quiet_NaN();
    fail_param(param.name, "value " + external.dump() + " is outside " + domain_text(param));
}

bool Space::contains(std::size_t i, double internal) const { return params_[i].contains(internal); }

double Space::snap(std::size_t i, double internal) const { return params_[i].snap(internal); }

// Rebuilds every derived vector from scratch: params_ may have reallocated, moving the names
// (short strings live inside the object) that the infos point to.
void Space::rebuild_infos() {
    const std::size_t n = params_.size();
    choice_texts_.assign(n, {});
    choice_ptrs_.assign(n, {});
    parent_values_.assign(n, {});
    infos_.assign(n, hpo_param_info{});
    for (std::size_t i = 0; i < n; ++i) {
        const Param &param = params_[i];
        for (const json &choice : param.choices) choice_texts_[i].push_back(choice.dump());
        for (const std::string &text : choice_texts_[i]) choice_ptrs_[i].push_back(text.c_str());
        Condition condition = resolve_condition(std::span(params_).first(i), param);
        parent_values_[i] = std::move(condition.values);

        const bool categorical = param.kind == HPO_PARAM_CATEGORICAL;
        hpo_param_info &info = infos_[i];
        info.struct_size = sizeof(hpo_param_info);
        info.name = param.name.c_str();
        info.kind = param.kind;
        info.low = categorical ? 0 : param.low;
        info.high = categorical ? static_cast<double>(param.choices.size()) - 1 : param.high;
        info.step = categorical ? 0 : param.step;
        info.log = !categorical && param.log;
        info.prior = categorical ? HPO_PRIOR_UNIFORM : param.prior;
        info.prior_mu = param.prior_mu;
        info.prior_sigma = param.prior_sigma;
        info.n_choices = static_cast<int32_t>(param.choices.size());
        info.choices_json = categorical ? choice_ptrs_[i].data() : nullptr;
        info.parent = condition.parent;
        info.n_parent_values = static_cast<int32_t>(parent_values_[i].size());
        info.parent_values = parent_values_[i].empty() ? nullptr : parent_values_[i].data();
    }
}

}  // namespace hpo
