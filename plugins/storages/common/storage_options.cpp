#include "storage_options.hpp"

#include <hpo_kit/options.hpp>

namespace hpo::storage {

StorageOptions parse_storage_options(std::string_view scheme, std::string_view options_json) {
    const plugin_kit::Options options(storage_options_schema, options_json);
    StorageOptions parsed;
    parsed.url = options.string("url");
    parsed.timeout_seconds = options.number("timeout");
    parsed.sync = options.boolean("sync");
    const std::string prefix = std::string(scheme) + ":///";
    if (parsed.url.rfind(prefix, 0) != 0 || parsed.url.size() == prefix.size()) {
        throw plugin_kit::InvalidOption("option \"url\" must be " + prefix +
                                        "path/to/file (got \"" + parsed.url + "\")");
    }
    parsed.path = parsed.url.substr(prefix.size());
    return parsed;
}

} // namespace hpo::storage
