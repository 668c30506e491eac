#include "study_file.hpp"

#include "arguments.hpp"

#include <hpo_kit/json_text.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace hpo::cli {
namespace {

// The file's text; a UsageError saying why it cannot be had. A folder is refused by name
// first: std::ifstream opens one, and reading it fails as if its text were malformed.
std::string read_file(const std::string &path) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (status.type() == std::filesystem::file_type::not_found) {
        throw UsageError(path + ": study file not found");
    }
    if (status.type() == std::filesystem::file_type::directory) {
        throw UsageError(path + ": is a directory, not a study file");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UsageError(path + ": cannot open the study file: " + std::strerror(errno));
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw UsageError(path + ": cannot read the study file: " + std::strerror(errno));
    return text.str();
}

// The length of the valid UTF-8 sequence at text[at], 0 when the bytes there are not one.
std::size_t utf8_sequence_length(const std::string &text, std::size_t at) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(at);
    if (lead < 0x80) return 1;
    const std::size_t length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3
                               : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length == 0 || at + length > text.size()) return 0;
    for (std::size_t i = 1; i < length; ++i)
        if ((byte(at + i) & 0xc0) != 0x80) return 0;
    const unsigned char second = byte(at + 1);
    if ((lead == 0xe0 && second < 0xa0) || (lead == 0xed && second > 0x9f) || (lead == 0xf0 && second < 0x90) ||
        (lead == 0xf4 && second > 0x8f))
        return 0;  // overlong, a surrogate, beyond U+10FFFF
    return length;
}

// `text` with each byte that is not part of valid UTF-8 written \xNN, so that a message
// quoting a file's bytes is itself text.
std::string valid_utf8(const std::string &text) {
    std::string out;
    for (std::size_t at = 0; at < text.size();) {
        if (const std::size_t length = utf8_sequence_length(text, at)) {
            out.append(text, at, length);
            at += length;
        } else {
            char escaped[5];
            std::snprintf(escaped, sizeof escaped, "\\x%02x", static_cast<unsigned char>(text[at]));
            out += escaped;
            ++at;
        }
    }
    return out;
}

// "PATH:LINE:COLUMN: malformed JSON: DETAIL" for the byte at `end` of text (0-based).
std::string malformed_at(const std::string &path, const std::string &text, std::size_t end, const std::string &detail) {
    end = std::min(end, text.size());
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return path + ":" + std::to_string(line) + ":" + std::to_string(column) + ": malformed JSON: " +
           valid_utf8(detail); // DETAIL quotes the bytes last read, which need not be UTF-8
}

std::string parse_error_message(const std::string &path, const std::string &text,
                                const nlohmann::json::parse_error &error) {
    // nlohmann's text reads "[json.exception.parse_error.101] parse error at line L, column
    // C: DETAIL"; keep DETAIL, the position is already in front.
    std::string detail = error.what();
    const std::size_t at = detail.find(", column ");
    const std::size_t colon = at == std::string::npos ? std::string::npos : detail.find(": ", at);
    if (colon != std::string::npos) detail = detail.substr(colon + 2);
    return malformed_at(path, text, error.byte == 0 ? 0 : error.byte - 1, detail);
}

// A number too large for a double ("1e999") is no parse_error to nlohmann but out_of_range
// 406, "[json.exception.out_of_range.406] number overflow parsing '1e999'", which carries no
// position: the number's first occurrence in the text gives it.
std::string overflow_message(const std::string &path, const std::string &text,
                             const nlohmann::json::out_of_range &error) {
    std::string detail = error.what();
    if (const std::size_t bracket = detail.find("] "); bracket != std::string::npos) detail = detail.substr(bracket + 2);
    std::size_t end = 0;
    const std::size_t open = detail.find('\'');
    const std::size_t close = open == std::string::npos ? std::string::npos : detail.find('\'', open + 1);
    if (close != std::string::npos) {
        end = std::min(text.find(detail.substr(open + 1, close - open - 1)), text.size());
    }
    return malformed_at(path, text, end, detail);
}

nlohmann::ordered_json object_member(const std::string &path, const nlohmann::ordered_json &root,
                                     const char *key, bool required, const char *what) {
    auto found = root.find(key);
    if (found == root.end()) {
        if (required) throw UsageError(path + ": missing key \"" + key + "\" (" + what + ")");
        return nlohmann::ordered_json::object();
    }
    if (!found->is_object()) {
        throw UsageError(path + ": \"" + key + "\" must be a JSON object (" + what + "), not " +
                         found->type_name());
    }
    return *found;
}

}  // namespace

StudyFile load_study_file(const std::string &path) {
    const std::string text = read_file(path);
    nlohmann::ordered_json root;
    try {
        root = nlohmann::ordered_json::parse(text);
    } catch (const nlohmann::json::parse_error &error) {
        throw UsageError(parse_error_message(path, text, error));
    } catch (const nlohmann::json::out_of_range &error) {
        throw UsageError(overflow_message(path, text, error));
    }
    // Well-formed, it is read again refusing duplicate keys, as hpo.h refuses them in every
    // text it takes: nlohmann keeps the last of two without a word, and the engine, handed
    // the parts of the file written out again, could never see the first.
    try {
        root = plugin_kit::parse_json_text<nlohmann::ordered_json>(text);
    } catch (const plugin_kit::InvalidJsonText &error) {
        throw UsageError(path + ": " + error.what());
    }
    if (!root.is_object()) throw UsageError(path + ": the study file must hold a JSON object");
    for (const auto &item : root.items()) {
        if (item.key() != "study" && item.key() != "objective" && item.key() != "optimize") {
            throw UsageError(path + ": unknown key \"" + item.key() +
                             "\" (a study file has \"study\", \"objective\" and \"optimize\")");
        }
    }
    StudyFile file;
    file.path = path;
    file.study = object_member(path, root, "study", true, "the study's configuration");
    file.objective = object_member(path, root, "objective", true,
                                   "the objective plugin, e.g. {\"name\": \"benchmarks\", \"options\": {...}}");
    file.optimize = object_member(path, root, "optimize", false, "n_trials, timeout, n_jobs, runner, catch");
    if (!file.objective.contains("name") || !file.objective["name"].is_string()) {
        throw UsageError(path + ": \"objective\" needs a \"name\": the objective plugin's name as a string");
    }
    return file;
}

}  // namespace hpo::cli
