// A storage URL as the user writes it, query and all: "<scheme>:<address>?<name>=<value>&...".
// A storage of ABI 1.1 receives it whole ({"url": ...}) and takes its options from the query
// ("sqlite:///study.db?timeout=5&sync=false"), so that a storage whose own library reads the
// URL (libpq's sslmode) gets it as the user wrote it.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace hpo::storage {

// The URL without its query: what names the storage in messages.
[[nodiscard]] std::string_view url_address(std::string_view url);

// create's options with each name=value of the URL's query added beside "url": numbers and
// booleans as JSON, anything else as a string, for checking against the storage's schema.
// Throws plugin_kit::InvalidOption for a query pair without a name, or an option given twice.
[[nodiscard]] nlohmann::json with_query_options(nlohmann::json options);

} // namespace hpo::storage
