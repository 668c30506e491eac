// JSON text a user wrote, parsed strictly: nlohmann keeps the last of two equal keys in an
// object without a word, so {"lr": 0.1, "lr": 0.2} would lose a value the user meant. Shared
// by the engine (every text the C API takes) and the plugins (their options), for either
// nlohmann::json or nlohmann::ordered_json.
#pragma once

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace hpo::plugin_kit {

// Malformed JSON text or a duplicate key; what() says which and where.
class InvalidJsonText : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

namespace json_text_detail {

// Walks the text as a plain pointer does and leaves where it is in *cursor: nlohmann tells
// positions in its own errors only, so a callback learns where the parser is from here.
class TrackedIterator {
public:
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char *;
    using reference = const char &;

    TrackedIterator(const char *at, const char **cursor) : at_(at), cursor_(cursor) {}
    reference operator*() const { return *at_; }
    TrackedIterator &operator++() {
        *cursor_ = ++at_;
        return *this;
    }
    TrackedIterator operator++(int) {
        TrackedIterator before = *this;
        ++*this;
        return before;
    }
    bool operator==(const TrackedIterator &other) const { return at_ == other.at_; }
    bool operator!=(const TrackedIterator &other) const { return at_ != other.at_; }

private:
    const char *at_;
    const char **cursor_;
};

// Whether the character at text[at] is escaped: preceded by an odd number of backslashes.
inline bool escaped(std::string_view text, std::size_t at) {
    std::size_t backslashes = 0;
    while (backslashes < at && text[at - 1 - backslashes] == '\\') ++backslashes;
    return backslashes % 2 == 1;
}

// "line L, column C" of the key whose closing quote ends just before key_end, counted as
// nlohmann counts in its parse errors (from 1, columns in bytes).
inline std::string key_position(std::string_view text, std::size_t key_end) {
    std::size_t start = key_end - 1; // the closing quote
    do --start;
    while (text[start] != '"' || escaped(text, start));
    const auto before = text.substr(0, start);
    const auto line = 1 + std::count(before.begin(), before.end(), '\n');
    const std::size_t line_start = before.rfind('\n');
    const std::size_t column = start - (line_start == std::string_view::npos ? 0 : line_start + 1);
    return "line " + std::to_string(line) + ", column " + std::to_string(column + 1);
}

} // namespace json_text_detail

// Parses text as Json::parse does, refusing duplicate keys as well as malformed text and
// numbers beyond a double: throws InvalidJsonText with nlohmann's message, or
// `duplicate key "lr" at line 3, column 5`.
template <class Json>
Json parse_json_text(std::string_view text) {
    using Event = typename Json::parse_event_t;
    const char *cursor = text.data();
    std::vector<std::set<std::string>> open_objects; // the keys seen in each, innermost last
    auto refuse_duplicate_keys = [&](int /*depth*/, Event event, Json &parsed) {
        if (event == Event::object_start) open_objects.emplace_back();
        if (event == Event::object_end) open_objects.pop_back();
        if (event == Event::key &&
            !open_objects.back().insert(parsed.template get<std::string>()).second) {
            const auto key_end = static_cast<std::size_t>(cursor - text.data());
            throw InvalidJsonText("duplicate key " + parsed.dump() + " at " +
                                  json_text_detail::key_position(text, key_end));
        }
        return true;
    };
    using json_text_detail::TrackedIterator;
    try {
        return Json::parse(TrackedIterator(text.data(), &cursor),
                           TrackedIterator(text.data() + text.size(), &cursor),
                           refuse_duplicate_keys);
    } catch (const typename Json::exception &error) { // parse_error; out_of_range for 1e400
        throw InvalidJsonText(error.what());
    }
}

} // namespace hpo::plugin_kit
