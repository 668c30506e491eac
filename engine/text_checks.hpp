// Text a user hands the engine: JSON parsed strictly (malformed text, numbers beyond a double
// and duplicate keys refused) and strings that must be UTF-8 before they go into JSON, whose
// every later export would otherwise fail. Each error names the text and where it went wrong.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string_view>

namespace hpo {

// Throws HPO_EINVAL `<what> is not valid JSON: duplicate key "lr" at line 3, column 5` (or
// nlohmann's own message for malformed text).
nlohmann::ordered_json parse_json_text(std::string_view text, std::string_view what);

// The offset of the first byte that starts no well-formed UTF-8 character (RFC 3629: no
// overlong forms, no surrogates, nothing above U+10FFFF), or npos when the text is UTF-8.
std::size_t find_invalid_utf8(std::string_view text);

// Throws HPO_EINVAL `<what> is not valid UTF-8 (byte 0xff at offset 3 starts no character)`.
void require_utf8(std::string_view text, std::string_view what);

}  // namespace hpo
