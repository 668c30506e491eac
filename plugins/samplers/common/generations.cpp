#include "generations.hpp"

#include <hpo_kit/study_view.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace hpo::samplers {

namespace {

bool completed(const hpo_trial_view &trial) {
    return trial.state == HPO_TRIAL_COMPLETE && trial.values != nullptr;
}

// The place in the view of the trial numbered `number` (the view lists trials by number).
int64_t index_of(const hpo_study_view &study, int64_t number) {
    if (number >= 0 && number < study.n_trials &&
        plugin_kit::trial_at(study, number).number == number)
        return number;
    for (int64_t i = 0; i < study.n_trials; ++i)
        if (plugin_kit::trial_at(study, i).number == number) return i;
    throw std::runtime_error("the study's system attributes name a parent trial number " +
                             std::to_string(number) + " that the study does not hold");
}

// The text after `"key":` in a JSON object's text, spaces skipped; nullopt without the key.
// A scan, not a parse: a string value equal to the key is told apart by the colon a key has
// after it, but the key's text inside a nested object would be taken for the key.
std::optional<std::string_view> attr_value(std::string_view attrs, std::string_view key) {
    const auto skip_blanks = [&](std::size_t pos) {
        while (pos < attrs.size() && std::isspace(static_cast<unsigned char>(attrs[pos]))) ++pos;
        return pos;
    };
    for (std::size_t at = attrs.find(key); at != std::string_view::npos; at = attrs.find(key, at + 1)) {
        const std::size_t after = at + key.size();
        if (at == 0 || attrs[at - 1] != '"' || after >= attrs.size() || attrs[after] != '"') continue;
        const std::size_t colon = skip_blanks(after + 1);
        if (colon < attrs.size() && attrs[colon] == ':') return attrs.substr(skip_blanks(colon + 1));
    }
    return std::nullopt;
}

// The list of numbers `[a, b, ...]` at the start of `text`, read with from_chars; nullopt
// when the text starts with anything else.
std::optional<std::vector<double>> leading_numbers(std::string_view text) {
    if (!text.starts_with('[')) return std::nullopt;
    std::vector<double> numbers;
    const char *at = text.data() + 1, *const end = text.data() + text.size();
    const auto skip_blanks = [&] { while (at < end && std::isspace(static_cast<unsigned char>(*at))) ++at; };
    skip_blanks();
    if (at < end && *at == ']') return numbers;
    while (at < end) {
        skip_blanks();
        double number = 0;
        const auto [next, error] = std::from_chars(at, end, number);
        if (error != std::errc()) break;
        numbers.push_back(number);
        at = next;
        skip_blanks();
        if (at < end && *at == ']') return numbers;
        if (at >= end || *at != ',') break;
        ++at;
    }
    return std::nullopt;
}

std::runtime_error not_a(const char *what, const hpo_trial_view &trial, std::string_view key) {
    return std::runtime_error("trial " + std::to_string(trial.number) + "'s system attribute \"" +
                              std::string(key) + "\" is not " + what);
}

} // namespace

std::optional<int64_t> integer_attr(const hpo_trial_view &trial, std::string_view key) {
    const auto value = attr_value(trial.system_attrs_json, key);
    if (!value) return std::nullopt;
    int64_t number = 0;
    if (std::from_chars(value->data(), value->data() + value->size(), number).ec != std::errc())
        throw not_a("an integer", trial, key);
    return number;
}

std::optional<std::vector<double>> numbers_attr(const hpo_trial_view &trial, std::string_view key) {
    const auto value = attr_value(trial.system_attrs_json, key);
    if (!value) return std::nullopt;
    auto numbers = leading_numbers(*value);
    if (!numbers) throw not_a("a list of numbers", trial, key);
    return numbers;
}

std::vector<int64_t> Generations::parents(const hpo_study_view &study, int64_t generation) const {
    // Read by its key alone: the study's attributes hold every generation's parents.
    const auto value = attr_value(plugin_kit::study_system_attrs(study), parents_key(generation));
    std::vector<int64_t> indices;
    if (!value) return indices;
    const auto numbers = leading_numbers(*value);
    if (!numbers)
        throw std::runtime_error("the study's system attribute \"" + parents_key(generation) +
                                 "\" is not a list of trial numbers");
    for (const double number : *numbers) indices.push_back(index_of(study, std::llround(number)));
    return indices;
}

AttributeUpdate Generations::assign(const hpo_study_view &study, int64_t trial_index,
                                    const Survival &survive) const {
    const std::vector<std::optional<int64_t>> generation = generations(study);
    if (generation[static_cast<std::size_t>(trial_index)]) return {}; // assigned before
    int64_t newest = 0;
    for (int64_t i = 0; i < study.n_trials; ++i)
        if (const auto g = generation[static_cast<std::size_t>(i)]; i != trial_index && g)
            newest = std::max(newest, *g);
    std::vector<int64_t> candidates = parents(study, newest);
    int64_t n_completed = 0;
    for (int64_t i = 0; i < study.n_trials; ++i) {
        const hpo_trial_view &trial = plugin_kit::trial_at(study, i);
        if (i == trial_index || !completed(trial) || generation[static_cast<std::size_t>(i)] != newest) continue;
        ++n_completed;
        candidates.push_back(i);
    }
    AttributeUpdate update;
    if (n_completed < population_size_) {
        update.trial = nlohmann::json{{generation_key(), newest}};
        return update;
    }
    const int64_t next = newest + 1;
    update.trial = nlohmann::json{{generation_key(), next}};
    if (attr_value(plugin_kit::study_system_attrs(study), parents_key(next))) return update; // another worker opened it
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    const auto survivors =
        survive(study, candidates, static_cast<std::size_t>(population_size_), next);
    nlohmann::json numbers = nlohmann::json::array();
    for (const int64_t i : survivors) numbers.push_back(plugin_kit::trial_at(study, i).number);
    update.study = nlohmann::json{{parents_key(next), numbers}};
    return update;
}

} // namespace hpo::samplers
