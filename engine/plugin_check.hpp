// Validation of what a plugin library answers to hpo_plugin_query: the negotiated ABI
// version, the table, and each plugin's info and operations. The registry refuses a library
// with the reason these checks give.
#pragma once

#include <hpo/plugin.h>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace hpo {

// "1.0" for HPO_ABI_MAKE(1, 0).
std::string abi_version_string(uint32_t version);

// Why the table cannot be taken (the library declined, another major version, a version
// newer than offered, a malformed table or plugin entry), or nullopt when every entry of a
// known kind is usable. Entries of a kind this engine does not know are not checked: the
// registry skips them (a library written for a later ABI may hold one beside plugins we can
// use). `offered` is the version the engine passed to hpo_plugin_query.
std::optional<std::string> check_plugin_table(const hpo_plugin_table *table, uint32_t offered);

// Whether this engine knows a plugin kind (and so can check and use such a plugin).
bool is_known_kind(int32_t kind);

// Entry i of a checked table. Entries are stepped through by their own struct_size, so a
// library built against a later minor version, whose hpo_plugin_info has grown, reads right.
const hpo_plugin_info &plugin_info_at(const hpo_plugin_table &table, int32_t i);

// The plugin's options schema: {} when it gives none, a discarded value when the text is
// not JSON.
nlohmann::json parse_options_schema(const char *schema_json);

}  // namespace hpo
