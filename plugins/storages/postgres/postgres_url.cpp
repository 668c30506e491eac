#include "postgres_url.hpp"

#include <hpo_kit/shown_url.hpp>
#include <storage_url.hpp>

#include <libpq-fe.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <memory>
#include <string_view>

namespace hpo::storage {
namespace {

// The URL with this storage's own query pairs left out.
std::string without_own_options(const std::string &url) {
    const auto query = url.find('?');
    if (query == std::string::npos) return url;
    std::string kept;
    for (std::size_t at = query + 1; at < url.size();) {
        const std::size_t end = std::min(url.find('&', at), url.size());
        const std::string pair = url.substr(at, end - at);
        at = end + 1;
        if (pair.empty() || pair.rfind("timeout=", 0) == 0 || pair.rfind("sync=", 0) == 0) continue;
        kept += (kept.empty() ? "" : "&") + pair;
    }
    return url.substr(0, query) + (kept.empty() ? "" : "?" + kept);
}

// Whether `text` is a whole decimal integer within [low, high].
bool integer_within(std::string_view text, long low, long high) {
    long value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size() && value >= low && value <= high;
}

struct Choices {
    const char *keyword;
    std::array<const char *, 6> values; // nullptr-padded
};

// The modes libpq only checks as it connects: a bad one fails every attempt, which would
// otherwise be taken for a server out of reach and retried. (The query's integers are checked
// by the schema; a port in the URL's authority is checked below.)
constexpr Choices choice_keywords[] = {
    {"sslmode", {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"}},
    {"gssencmode", {"disable", "prefer", "require", nullptr, nullptr, nullptr}},
    {"channel_binding", {"disable", "prefer", "require", nullptr, nullptr, nullptr}},
    {"target_session_attrs", {"any", "read-write", "read-only", "primary", "standby", "prefer-standby"}},
};

// Refuses what libpq would refuse at every connection attempt, naming the part (never the
// password): a URL it cannot read, a port that is no port, a mode that is none.
void check_libpq_parameters(const std::string &conninfo, const std::string &shown) {
    char *error = nullptr;
    std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> parsed(PQconninfoParse(conninfo.c_str(), &error),
                                                                        &PQconninfoFree);
    if (!parsed) {
        std::string why = error != nullptr ? error : "out of memory";
        PQfreemem(error);
        while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
        throw plugin_kit::InvalidOption("option \"url\": \"" + shown + "\" cannot be read by libpq: " + why);
    }
    const auto refuse = [&](const std::string &keyword, const std::string &value, const std::string &must) {
        throw plugin_kit::InvalidOption("option \"url\": \"" + shown + "\": " + keyword + " \"" + value + "\" " + must);
    };
    for (const PQconninfoOption *option = parsed.get(); option->keyword != nullptr; ++option) {
        if (option->val == nullptr) continue;
        const std::string_view keyword = option->keyword;
        const std::string value = option->val;
        if (keyword == "port") {
            // One port per host, comma-separated; an empty one is the default port.
            for (std::size_t at = 0; at <= value.size();) {
                const std::size_t end = std::min(value.find(',', at), value.size());
                const std::string port = value.substr(at, end - at);
                if (!port.empty() && !integer_within(port, 1, 65535))
                    refuse("port", port, "must be an integer from 1 to 65535");
                at = end + 1;
            }
        } else {
            for (const Choices &choices : choice_keywords) {
                if (keyword != choices.keyword) continue;
                std::string listed;
                bool known = false;
                for (const char *choice : choices.values) {
                    if (choice == nullptr) break;
                    known = known || value == choice;
                    listed += (listed.empty() ? "" : ", ") + std::string(choice);
                }
                if (!known) refuse(option->keyword, value, "must be one of " + listed);
            }
        }
    }
}

} // namespace


PostgresOptions postgres_options(const plugin_kit::Options &options) {
    const std::string url = options.string("url");
    if (url.rfind("postgresql://", 0) != 0 && url.rfind("postgres://", 0) != 0) {
        throw plugin_kit::InvalidOption("option \"url\": \"" + plugin_kit::shown_url(url) +
                                        "\" is not a PostgreSQL URL: expected postgresql://user@host:port/db");
    }
    PostgresOptions parsed{without_own_options(url), plugin_kit::shown_url(url), options.number("timeout"),
                           options.boolean("sync")};
    check_libpq_parameters(parsed.conninfo, parsed.shown);
    return parsed;
}

} // namespace hpo::storage
