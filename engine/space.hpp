// The search space: an ordered list of parameters (float, int, categorical) with bounds,
// log scale, step, prior and condition; parsed from and written to JSON; the values of a
// configuration as internal doubles (NaN: inactive).
#pragma once

#include <hpo/plugin.h>

#include <nlohmann/json.hpp>

#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hpo {

using json = nlohmann::ordered_json;

struct Param {
    std::string name;
    hpo_param_kind kind = HPO_PARAM_FLOAT;
    double low = 0, high = 0;
    double step = 0;                 // 0: continuous; ints always have step >= 1
    bool log = false;
    hpo_prior prior = HPO_PRIOR_UNIFORM;
    double prior_mu = 0, prior_sigma = 0;
    std::vector<json> choices;       // categorical only
    std::string parent;              // condition: "" when unconditional
    std::vector<json> parent_choices; // condition's values, as written (choices or ints)

    // Parses one parameter's JSON form; errors name `name` and the bad field.
    static Param from_json(const std::string &name, const json &spec);
    // A float or int parameter from typed values (the C API's suggestions, made for every
    // parameter of every trial): the same checks, without a JSON round trip. A float's step
    // 0 is continuous.
    static Param numeric(const std::string &name, hpo_param_kind kind, double low, double high, bool log, double step);
    static Param integer(const std::string &name, int64_t low, int64_t high, bool log, int64_t step);
    json to_json() const;
    // Same distribution (what a define-by-run re-suggestion must match).
    bool same_distribution(const Param &other) const;
    // Throws HPO_EINVAL naming the parameter and the field when the fields do not make a
    // distribution (low > high, log with low <= 0, a step that does not divide the range...).
    void validate() const;

    // The domain, for Space's functions of the same names and for conditions on this
    // parameter: the internal value of an external one when it lies in the domain.
    std::optional<double> find_internal(const json &external) const;
    bool contains(double internal) const;
    double snap(double internal) const;
};

// Throws HPO_EINVAL with `parameter "name": what`.
[[noreturn]] void fail_param(const std::string &name, const std::string &what);
// A name or field as messages quote it: JSON's quoting, so odd characters stay visible.
std::string in_quotes(std::string_view text);

// The value of a parameter that has none: not sampled yet, or inactive in its trial.
inline constexpr double kNoValue = std::numeric_limits<double>::quiet_NaN();

class Space {
public:
    Space() = default;
    // A copy rebuilds its infos: they point into the copy's own storage.
    Space(const Space &other);
    Space &operator=(const Space &other);
    Space(Space &&) noexcept = default;
    Space &operator=(Space &&) noexcept = default;
    // Parses {"name": {...}, ...}; orders parameters so that parents precede children and
    // refuses unknown parents, conditions on float parents, values a parent cannot take and
    // cycles, each with a message naming the parameter.
    static Space from_json(const json &spec);
    json to_json() const;

    std::size_t size() const { return params_.size(); }
    const Param &operator[](std::size_t i) const { return params_[i]; }
    // -1 when absent.
    int index_of(std::string_view name) const;

    // Adds a parameter (define-by-run, an objective's declaration) and returns its index; if
    // the name exists with the same distribution returns the existing index, with another
    // distribution throws HPO_EINVAL naming both.
    int add(const Param &param);

    // Whether parameter i is active given values of the parameters before it.
    bool is_active(std::size_t i, const double *values) const;
    // Internal value -> the value a user sees (a categorical's choice) and back.
    json to_external(std::size_t i, double internal) const;
    // Throws HPO_EINVAL naming the parameter when the value is not in its domain; null gives
    // NaN (inactive) unless a categorical lists null among its choices.
    double to_internal(std::size_t i, const json &external) const;
    // Whether an internal value lies in the domain (bounds, step, integrality, choices).
    bool contains(std::size_t i, double internal) const;
    // Snaps a value into the domain: clamps, rounds to the step grid or integer.
    double snap(std::size_t i, double internal) const;

    // The plugin ABI's view of the parameters, kept in sync with the list; pointers stay
    // valid until the space changes.
    const hpo_param_info *infos() const { return infos_.data(); }

private:
    void rebuild_infos();

    std::vector<Param> params_;
    // Storage behind infos_: choices as JSON text and conditions as internal values.
    std::vector<std::vector<std::string>> choice_texts_;
    std::vector<std::vector<const char *>> choice_ptrs_;
    std::vector<std::vector<double>> parent_values_;
    std::vector<hpo_param_info> infos_;
};

}  // namespace hpo
