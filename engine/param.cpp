// One parameter's JSON form: parsing with errors that name the parameter and the field, the
// checks that its fields make a distribution, and the canonical form written back.
#include "error.hpp"
#include "space.hpp"
#include "text_checks.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <span>
#include <utility>

namespace hpo {

void fail_param(const std::string &name, const std::string &what) {
    fail(HPO_EINVAL, "parameter " + json(name).dump() + ": " + what);
}

std::string in_quotes(std::string_view text) { return json(text).dump(); }

namespace {

// Internal values are doubles: integers beyond 2^53 would not be exact.
constexpr double kMaxExactInteger = 9007199254740992.0;

constexpr std::array<std::string_view, 7> kNumericFields = {"type", "low",   "high",     "log",
                                                            "step", "prior", "condition"};
constexpr std::array<std::string_view, 3> kCategoricalFields = {"type", "choices", "condition"};
constexpr std::array<std::string_view, 3> kNormalPriorFields = {"type", "mu", "sigma"};
constexpr std::array<std::string_view, 1> kUniformPriorFields = {"type"};
constexpr const char *kCategoricalPrior =
    R"("prior" applies to float and int parameters, not to a categorical)";

// A number as the user would write it (0 rather than 0.0), so that messages echo the input.
std::string number_text(double value) {
    if (!std::isfinite(value)) return std::to_string(value);
    if (value == std::floor(value) && std::abs(value) <= kMaxExactInteger)
        return std::to_string(static_cast<long long>(value));
    return json(value).dump();
}

[[noreturn]] void fail_beyond_exact(const std::string &name, const char *field, const std::string &value) {
    fail_param(name, in_quotes(field) + " (" + value +
                         ") is beyond ±2^53, the largest integer range a parameter can hold exactly");
}

// Refuses fields outside `allowed`, listing them: catches typos such as "lo" or "choice".
void check_fields(const std::string &name, const json &object,
                  std::span<const std::string_view> allowed, const std::string &where) {
    for (const auto &[key, value] : object.items()) {
        if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
        std::string list;
        for (std::string_view field : allowed) list += (list.empty() ? "" : ", ") + in_quotes(field);
        fail_param(name, "unknown field " + in_quotes(key) + where + " (allowed: " + list + ")");
    }
}

double read_number(const std::string &name, const json &object, const char *field,
                   const std::string &where = "") {
    auto it = object.find(field);
    if (it == object.end()) fail_param(name, "missing " + in_quotes(field) + where);
    if (!it->is_number())
        fail_param(name, in_quotes(field) + where + " must be a number, got " + it->dump());
    return it->get<double>();
}

hpo_param_kind read_kind(const std::string &name, const json &spec) {
    auto it = spec.find("type");
    if (it == spec.end()) fail_param(name, R"(missing "type" (one of "float", "int", "categorical"))");
    if (*it == "float") return HPO_PARAM_FLOAT;
    if (*it == "int") return HPO_PARAM_INT;
    if (*it == "categorical") return HPO_PARAM_CATEGORICAL;
    fail_param(name, R"("type" )" + it->dump() + R"( is not one of "float", "int", "categorical")");
}

void read_prior(Param &param, const json &prior) {
    const std::string where = R"( in "prior")";
    if (!prior.is_object())
        fail_param(param.name, R"("prior" must be an object such as {"type": "normal", "mu": 0, )"
                               R"("sigma": 1}, got )" + prior.dump());
    auto type = prior.find("type");
    if (type == prior.end()) fail_param(param.name, R"(missing "type" in "prior" (one of "uniform", "normal"))");
    if (*type == "uniform") {
        check_fields(param.name, prior, kUniformPriorFields, where);
        return;
    }
    if (*type != "normal")
        fail_param(param.name, R"("type" in "prior" )" + type->dump() + R"( is not one of "uniform", "normal")");
    check_fields(param.name, prior, kNormalPriorFields, where);
    param.prior = HPO_PRIOR_NORMAL;
    param.prior_mu = read_number(param.name, prior, "mu", where);
    param.prior_sigma = read_number(param.name, prior, "sigma", where);
}

void read_condition(Param &param, const json &condition) {
    if (!condition.is_object() || condition.size() != 1)
        fail_param(param.name, R"("condition" must name exactly one parent, as {"parent": [values...]}, got )" +
                                   condition.dump());
    const json &values = condition.begin().value();
    param.parent = condition.begin().key();
    if (!values.is_array())
        fail_param(param.name, R"("condition" values of )" + in_quotes(param.parent) +
                                   " must be an array, got " + values.dump());
    param.parent_choices.assign(values.begin(), values.end());
}

// Whether a JSON integer lies beyond ±2^53 (std::abs would overflow on INT64_MIN).
bool beyond_exact_range(const json &number) {
    constexpr int64_t limit = int64_t{1} << 53;
    if (number.is_number_unsigned()) return number.get<uint64_t>() > uint64_t{limit};
    if (number.is_number_integer()) return number.get<int64_t>() > limit || number.get<int64_t>() < -limit;
    return false;
}

// An int's field written as an integer beyond 2^53 is refused as written: as a double it
// would round (2^53 + 1 to 2^53) and pass, or be echoed in a form the user did not write.
void refuse_inexact_integers(const Param &param, const json &spec) {
    for (const char *field : {"low", "high", "step"})
        if (auto it = spec.find(field); it != spec.end() && beyond_exact_range(*it))
            fail_beyond_exact(param.name, field, it->dump());
}

void read_numeric(Param &param, const json &spec) {
    check_fields(param.name, spec, kNumericFields, "");
    if (param.kind == HPO_PARAM_INT) refuse_inexact_integers(param, spec);
    param.low = read_number(param.name, spec, "low");
    param.high = read_number(param.name, spec, "high");
    if (auto it = spec.find("log"); it != spec.end()) {
        if (!it->is_boolean()) fail_param(param.name, R"("log" must be true or false, got )" + it->dump());
        param.log = it->get<bool>();
    }
    param.step = param.kind == HPO_PARAM_INT ? 1 : 0;
    if (auto it = spec.find("step"); it != spec.end() && !it->is_null()) {
        param.step = read_number(param.name, spec, "step");
        // The struct's 0 means continuous: an explicit 0 is refused here.
        if (param.step == 0) fail_param(param.name, R"("step" (0) must be > 0)");
    }
    if (auto it = spec.find("prior"); it != spec.end() && !it->is_null()) read_prior(param, *it);
}

void refuse_duplicates(const std::string &name, const std::vector<json> &values, const char *field) {
    for (std::size_t i = 1; i < values.size(); ++i)
        if (std::find(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(i), values[i]) !=
            values.begin() + static_cast<std::ptrdiff_t>(i))
            fail_param(name, in_quotes(field) + " lists " + values[i].dump() + " twice");
}

void validate_numeric(const Param &param) {
    const std::string &name = param.name;
    for (auto [field, value] : {std::pair{"low", param.low}, {"high", param.high}, {"step", param.step}}) {
        if (!std::isfinite(value))
            fail_param(name, in_quotes(field) + " (" + number_text(value) + ") must be a finite number");
        if (param.kind != HPO_PARAM_INT) continue;
        if (std::abs(value) > kMaxExactInteger) fail_beyond_exact(name, field, number_text(value));
        if (value != std::floor(value))
            fail_param(name, in_quotes(field) + " (" + number_text(value) + ") must be an integer");
    }
    if (param.low > param.high)
        fail_param(name, R"("low" ()" + number_text(param.low) + R"() must be <= "high" ()" +
                             number_text(param.high) + ")");
    // Samplers draw low + u * (high - low): a width that overflows would give high every time.
    if (!std::isfinite(param.high - param.low))
        fail_param(name, R"("high" - "low" ()" + number_text(param.high) + " - " + number_text(param.low) +
                             ") overflows a double: the range must be narrower");
    if (param.step < 0 || (param.kind == HPO_PARAM_INT && param.step == 0))
        fail_param(name, R"("step" ()" + number_text(param.step) + ") must be > 0");
    if (param.log) {
        if (param.low <= 0)
            fail_param(name, R"("low" ()" + number_text(param.low) + R"() must be > 0 when "log" is true)");
        if (param.kind == HPO_PARAM_FLOAT && param.step != 0)
            fail_param(name, R"("step" cannot be combined with "log" on a float (as in Optuna))");
        if (param.kind == HPO_PARAM_INT && param.step != 1)
            fail_param(name, R"("step" ()" + number_text(param.step) + R"() must be 1 when "log" is true)");
    }
    // The grid is anchored at low, so it divides the range exactly when high lies on it.
    if (param.step > 0 && !param.contains(param.high))
        fail_param(name, R"("step" ()" + number_text(param.step) + R"() must divide "high" - "low" ()" +
                             number_text(param.high - param.low) + ")");
    if (param.prior == HPO_PRIOR_NORMAL) {
        if (!std::isfinite(param.prior_mu))
            fail_param(name, R"("mu" in "prior" ()" + number_text(param.prior_mu) + ") must be a finite number");
        if (!(param.prior_sigma > 0) || !std::isfinite(param.prior_sigma))
            fail_param(name, R"("sigma" in "prior" ()" + number_text(param.prior_sigma) +
                                 ") must be a finite number > 0");
    } else if (param.prior != HPO_PRIOR_UNIFORM) {
        fail_param(name, "unknown prior " + std::to_string(param.prior));
    }
}

void validate_categorical(const Param &param) {
    if (param.choices.empty()) fail_param(param.name, R"("choices" must not be empty)");
    refuse_duplicates(param.name, param.choices, "choices");
    if (param.prior != HPO_PRIOR_UNIFORM) fail_param(param.name, kCategoricalPrior);
}

// What can be checked without the parent; Space checks the values against it.
void validate_condition(const Param &param) {
    if (param.parent.empty()) return;
    if (param.parent == param.name) fail_param(param.name, R"("condition" is on the parameter itself)");
    if (param.parent_choices.empty())
        fail_param(param.name, R"("condition" lists no values of )" + in_quotes(param.parent));
    refuse_duplicates(param.name, param.parent_choices, "condition");
}

}  // namespace

Param Param::from_json(const std::string &name, const json &spec) {
    if (!spec.is_object())
        fail_param(name, R"(the specification must be an object such as {"type": "float", "low": 0, )"
                         R"("high": 1}, got )" + spec.dump());
    Param param;
    param.name = name;
    param.kind = read_kind(name, spec);
    if (param.kind == HPO_PARAM_CATEGORICAL) {
        if (spec.contains("prior")) fail_param(name, kCategoricalPrior);
        check_fields(name, spec, kCategoricalFields, "");
        auto it = spec.find("choices");
        if (it == spec.end()) fail_param(name, R"(missing "choices")");
        if (!it->is_array()) fail_param(name, R"("choices" must be an array, got )" + it->dump());
        param.choices.assign(it->begin(), it->end());
    } else {
        read_numeric(param, spec);
    }
    if (auto it = spec.find("condition"); it != spec.end() && !it->is_null()) read_condition(param, *it);
    param.validate();
    return param;
}

Param Param::numeric(const std::string &name, hpo_param_kind kind, double low, double high, bool log, double step) {
    Param param;
    param.name = name;
    param.kind = kind;
    param.low = low;
    param.high = high;
    param.log = log;
    param.step = step;
    param.validate();
    return param;
}

Param Param::integer(const std::string &name, int64_t low, int64_t high, bool log, int64_t step) {
    for (const auto &[field, value] : {std::pair{"low", low}, {"high", high}, {"step", step}}) {
        if (beyond_exact_range(json(value))) fail_beyond_exact(name, field, std::to_string(value));
    }
    return numeric(name, HPO_PARAM_INT, static_cast<double>(low), static_cast<double>(high), log,
                   static_cast<double>(step));
}

void Param::validate() const {
    if (name.empty()) fail(HPO_EINVAL, "a parameter's name must not be empty");
    // Before any message quotes the name as JSON, which cannot hold such a name.
    require_utf8(name, "a parameter's name");
    // Plugins see names as C strings, which would end at the NUL.
    if (const std::size_t nul = name.find('\0'); nul != std::string::npos)
        fail_param(name, "the name holds a NUL byte (at offset " + std::to_string(nul) +
                             "), which C strings would cut short");
    switch (kind) {
    case HPO_PARAM_FLOAT:
    case HPO_PARAM_INT: validate_numeric(*this); break;
    case HPO_PARAM_CATEGORICAL: validate_categorical(*this); break;
    default: fail_param(name, "unknown kind " + std::to_string(kind));
    }
    validate_condition(*this);
}

json Param::to_json() const {
    json out;
    if (kind == HPO_PARAM_CATEGORICAL) {
        out["type"] = "categorical";
        out["choices"] = choices;
    } else if (kind == HPO_PARAM_INT) {
        out["type"] = "int";
        out["low"] = static_cast<int64_t>(low);
        out["high"] = static_cast<int64_t>(high);
        if (log) out["log"] = true;
        if (step != 1) out["step"] = static_cast<int64_t>(step);
    } else {
        out["type"] = "float";
        out["low"] = low;
        out["high"] = high;
        if (log) out["log"] = true;
        if (step != 0) out["step"] = step;
    }
    if (prior == HPO_PRIOR_NORMAL)
        out["prior"] = json{{"type", "normal"}, {"mu", prior_mu}, {"sigma", prior_sigma}};
    if (!parent.empty()) out["condition"][parent] = parent_choices;
    return out;
}

// The canonical form holds exactly the fields that make the distribution.
bool Param::same_distribution(const Param &other) const { return to_json() == other.to_json(); }

}  // namespace hpo
