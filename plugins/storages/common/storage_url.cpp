#include "storage_url.hpp"

#include <hpo_kit/options.hpp>

#include <algorithm>

namespace hpo::storage {

std::string_view url_address(std::string_view url) { return url.substr(0, url.find('?')); }

nlohmann::json with_query_options(nlohmann::json options) {
    const auto url = options.find("url");
    if (url == options.end() || !url->is_string()) return options; // the schema says what is wrong
    const std::string text = url->get<std::string>();
    const auto query = text.find('?');
    if (query == std::string::npos) return options;
    for (std::size_t at = query + 1; at < text.size();) {
        const std::size_t end = std::min(text.find('&', at), text.size());
        const std::string pair = text.substr(at, end - at);
        at = end + 1;
        if (pair.empty()) continue; // "?a=1&&b=2", "x.db?"
        const auto equals = pair.find('=');
        if (equals == std::string::npos || equals == 0) {
            throw plugin_kit::InvalidOption("option \"url\": \"" + pair + "\" in the query of \"" + text +
                                            "\" is not a name=value option");
        }
        const std::string name = pair.substr(0, equals);
        const std::string value = pair.substr(equals + 1);
        if (options.contains(name)) {
            throw plugin_kit::InvalidOption("option \"" + name + "\" is given twice (in the query of \"" + text +
                                            "\")");
        }
        const nlohmann::json parsed = nlohmann::json::parse(value, nullptr, false);
        options[name] = parsed.is_number() || parsed.is_boolean() ? parsed : nlohmann::json(value);
    }
    return options;
}

} // namespace hpo::storage
