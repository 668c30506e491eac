#include "postgres_url.hpp"

#include <hpo_kit/shown_url.hpp>
#include <storage_url.hpp>

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

} // namespace


PostgresOptions postgres_options(const plugin_kit::Options &options) {
    const std::string url = options.string("url");
    if (url.rfind("postgresql://", 0) != 0 && url.rfind("postgres://", 0) != 0) {
        throw plugin_kit::InvalidOption("option \"url\": \"" + plugin_kit::shown_url(url) +
                                        "\" is not a PostgreSQL URL: expected postgresql://user@host:port/db");
    }
    return PostgresOptions{without_own_options(url), plugin_kit::shown_url(url), options.number("timeout"),
                           options.boolean("sync")};
}

} // namespace hpo::storage
