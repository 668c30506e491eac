#include "postgres_url.hpp"

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

std::string redacted_url(std::string_view url) {
    std::string shown(url_address(url));
    const auto authority = shown.find("://");
    if (authority == std::string::npos) return shown;
    const std::size_t start = authority + 3;
    const std::size_t end = std::min(shown.find('/', start), shown.size());
    const auto at = shown.rfind('@', end);
    if (at == std::string::npos || at < start) return shown;
    const auto colon = shown.find(':', start);
    if (colon != std::string::npos && colon < at) shown.replace(colon + 1, at - colon - 1, "***");
    return shown;
}

PostgresOptions postgres_options(const plugin_kit::Options &options) {
    const std::string url = options.string("url");
    if (url.rfind("postgresql://", 0) != 0 && url.rfind("postgres://", 0) != 0) {
        throw plugin_kit::InvalidOption("option \"url\": \"" + redacted_url(url) +
                                        "\" is not a PostgreSQL URL: expected postgresql://user@host:port/db");
    }
    return PostgresOptions{without_own_options(url), redacted_url(url), options.number("timeout"),
                           options.boolean("sync")};
}

} // namespace hpo::storage
