#include "text_checks.hpp"

#include "error.hpp"

#include <hpo_kit/json_text.hpp>

#include <cstdio>
#include <string>

namespace hpo {
namespace {

bool is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// The length of the well-formed character at text[at], or 0 when none starts there. The lead
// byte decides the length and the range of the second byte, which is what excludes overlong
// forms (E0 80..9F, F0 80..8F), surrogates (ED A0..BF) and code points above U+10FFFF (F4 90..).
std::size_t character_length(std::string_view text, std::size_t at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    if (lead < 0x80) return 1;
    std::size_t length = 0;
    unsigned char second_low = 0x80, second_high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) length = 2;
    else if (lead >= 0xE0 && lead <= 0xEF) length = 3;
    else if (lead >= 0xF0 && lead <= 0xF4) length = 4;
    else return 0;  // a continuation byte, C0, C1 (overlong) or F5..FF
    if (lead == 0xE0) second_low = 0xA0;
    if (lead == 0xED) second_high = 0x9F;
    if (lead == 0xF0) second_low = 0x90;
    if (lead == 0xF4) second_high = 0x8F;
    if (text.size() - at < length) return 0;
    const auto second = static_cast<unsigned char>(text[at + 1]);
    if (second < second_low || second > second_high) return 0;
    for (std::size_t i = 2; i < length; ++i)
        if (!is_continuation(static_cast<unsigned char>(text[at + i]))) return 0;
    return length;
}

}  // namespace

nlohmann::ordered_json parse_json_text(std::string_view text, std::string_view what) {
    try {
        return plugin_kit::parse_json_text<nlohmann::ordered_json>(text);
    } catch (const plugin_kit::InvalidJsonText &e) {
        fail(HPO_EINVAL, std::string(what) + " is not valid JSON: " + e.what());
    }
}

std::size_t find_invalid_utf8(std::string_view text) {
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t length = character_length(text, at);
        if (length == 0) return at;
        at += length;
    }
    return std::string_view::npos;
}

void require_utf8(std::string_view text, std::string_view what) {
    const std::size_t bad = find_invalid_utf8(text);
    if (bad == std::string_view::npos) return;
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02x", static_cast<unsigned>(static_cast<unsigned char>(text[bad])));
    fail(HPO_EINVAL, std::string(what) + " is not valid UTF-8 (byte " + byte + " at offset " +
                         std::to_string(bad) + " starts no character)");
}

}  // namespace hpo
