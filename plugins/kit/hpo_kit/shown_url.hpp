// A storage URL as messages and logs may show it: its query left out (libpq takes
// ?password=...) and the password of user:password@host replaced by "***". Header-only, as
// the engine prints the same URLs in its own errors and includes it too.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

namespace hpo::plugin_kit {

[[nodiscard]] inline std::string shown_url(std::string_view url) {
    std::string shown(url.substr(0, url.find('?')));
    const auto authority = shown.find("://");
    if (authority == std::string::npos) return shown;
    const std::size_t start = authority + 3;
    const std::size_t end = std::min(shown.find('/', start), shown.size());
    const auto at = shown.rfind('@', end);
    if (at == std::string::npos || at < start) return shown;
    const auto colon = shown.find(':', start);
    if (colon < at) shown.replace(colon + 1, at - colon - 1, "***");
    return shown;
}

} // namespace hpo::plugin_kit
