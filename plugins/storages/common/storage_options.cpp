#include "storage_options.hpp"

#include "storage_url.hpp"

namespace hpo::storage {

StorageOptions file_storage_options(std::string_view scheme, const plugin_kit::Options &options) {
    StorageOptions parsed;
    parsed.url = url_address(options.string("url"));
    parsed.timeout_seconds = options.number("timeout");
    parsed.sync = options.boolean("sync");
    const std::string prefix = std::string(scheme) + ":///";
    if (parsed.url.rfind(prefix, 0) != 0 || parsed.url.size() == prefix.size()) {
        throw plugin_kit::InvalidOption("option \"url\" must be " + prefix + "path/to/file (got \"" +
                                        options.string("url") + "\")");
    }
    parsed.path = parsed.url.substr(prefix.size());
    return parsed;
}

} // namespace hpo::storage
