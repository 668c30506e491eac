#include "plugin_check.hpp"

#include "registry.hpp"

#include <cstddef>
#include <string_view>
#include <vector>

namespace hpo {

namespace {

// The struct_size a version-1.0 struct must reach to hold `field`.
#define HPO_FIELD_END(type, field) (offsetof(type, field) + sizeof(type::field))
// A required operation: its name and whether the plugin filled the slot.
#define HPO_REQUIRED(ops, op) Slot{#op, (ops).op != nullptr}

struct Slot {
    const char *name;
    bool filled;
};

// The oldest ABI this engine takes: every struct must be at least as large as it was then.
constexpr uint32_t oldest_abi = HPO_ABI_MAKE(1, 0);

std::string too_small(uint32_t size, std::size_t needed, const char *type) {
    return "struct_size " + std::to_string(size) + " is smaller than the " +
           std::to_string(needed) + " bytes of a version " + abi_version_string(oldest_abi) + " " + type;
}

// The slots every kind has (create, destroy) and those its kind requires, after checking
// that the table is large enough to hold them.
template <class Ops, class Required>
std::optional<std::string> check_ops(const void *raw, const char *type, std::size_t size_1_0,
                                     Required required) {
    const auto &ops = *static_cast<const Ops *>(raw);
    if (ops.struct_size < size_1_0) return "ops " + too_small(ops.struct_size, size_1_0, type);
    std::vector<Slot> slots{HPO_REQUIRED(ops, create), HPO_REQUIRED(ops, destroy)};
    for (const Slot &slot : required(ops)) slots.push_back(slot);
    for (const Slot &slot : slots)
        if (!slot.filled) return std::string("required operation ") + slot.name + " is NULL";
    return std::nullopt;
}

std::optional<std::string> check_kind_ops(hpo_plugin_kind kind, const void *ops) {
    // One case per kind and no default, so the compiler names a kind added without its check.
    switch (kind) {
    case HPO_PLUGIN_SAMPLER:
        return check_ops<hpo_sampler_ops>(
            ops, "hpo_sampler_ops", HPO_FIELD_END(hpo_sampler_ops, sample_independent),
            [](const hpo_sampler_ops &o) {
                return std::vector<Slot>{HPO_REQUIRED(o, sample_independent)};
            });
    case HPO_PLUGIN_SCHEDULER:
        return check_ops<hpo_scheduler_ops>(
            ops, "hpo_scheduler_ops", HPO_FIELD_END(hpo_scheduler_ops, should_prune),
            [](const hpo_scheduler_ops &o) {
                return std::vector<Slot>{HPO_REQUIRED(o, should_prune)};
            });
    case HPO_PLUGIN_STORAGE:
        return check_ops<hpo_storage_ops>(
            ops, "hpo_storage_ops", HPO_FIELD_END(hpo_storage_ops, read_trials),
            [](const hpo_storage_ops &o) {
                return std::vector<Slot>{
                    HPO_REQUIRED(o, create_study),        HPO_REQUIRED(o, load_study),
                    HPO_REQUIRED(o, create_trial),        HPO_REQUIRED(o, claim_waiting_trial),
                    HPO_REQUIRED(o, update_trial),        HPO_REQUIRED(o, read_trials)};
            });
    case HPO_PLUGIN_RUNNER:
        return check_ops<hpo_runner_ops>(
            ops, "hpo_runner_ops", HPO_FIELD_END(hpo_runner_ops, run),
            [](const hpo_runner_ops &o) { return std::vector<Slot>{HPO_REQUIRED(o, run)}; });
    case HPO_PLUGIN_OBJECTIVE:
        return check_ops<hpo_objective_ops>(
            ops, "hpo_objective_ops", HPO_FIELD_END(hpo_objective_ops, evaluate),
            [](const hpo_objective_ops &o) {
                return std::vector<Slot>{HPO_REQUIRED(o, evaluate)};
            });
    }
    return "kind " + std::to_string(kind) + " has no checks";  // is_known_kind stands guard
}

bool is_valid_name(std::string_view name) {
    if (name.empty()) return false;
    for (char c : name) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        if (!ok) return false;
    }
    return true;
}

// What is wrong with one entry, or nullopt. The reason names the entry by its kind and name
// once those are known to be sound, by its index before.
std::optional<std::string> check_info(const hpo_plugin_info &info, int32_t index) {
    std::string where = "entry " + std::to_string(index) + ": ";
    if (!info.name) return where + "name is NULL";
    if (!is_valid_name(info.name))
        return where + "name \"" + info.name + "\" is not made of a-z, 0-9, '_' and '-' alone";

    where = std::string(plugin_kind_name(static_cast<hpo_plugin_kind>(info.kind))) + " \"" +
            info.name + "\": ";
    if (!info.ops) return where + "ops is NULL";
    if (auto reason = check_kind_ops(static_cast<hpo_plugin_kind>(info.kind), info.ops)) return where + *reason;
    if (info.options_schema_json) {
        nlohmann::json schema = parse_options_schema(info.options_schema_json);
        if (schema.is_discarded()) return where + "options_schema_json is not valid JSON";
        if (!schema.is_object()) return where + "options_schema_json is not a JSON object";
    }
    return std::nullopt;
}

// Entries are read with the stride of the first one, so all must have its size.
std::optional<std::string> check_entry_sizes(const hpo_plugin_table &table) {
    const uint32_t stride = table.plugins[0].struct_size;
    if (stride < sizeof(hpo_plugin_info))
        return "entry 0: " + too_small(stride, sizeof(hpo_plugin_info), "hpo_plugin_info");
    if (stride % alignof(hpo_plugin_info) != 0)
        return "entry 0: struct_size " + std::to_string(stride) +
               " is not a multiple of the alignment of hpo_plugin_info";
    for (int32_t i = 1; i < table.n_plugins; ++i) {
        uint32_t size = plugin_info_at(table, i).struct_size;
        if (size != stride)
            return "entry " + std::to_string(i) + ": struct_size " + std::to_string(size) +
                   " differs from entry 0's " + std::to_string(stride);
    }
    return std::nullopt;
}

}  // namespace

std::string abi_version_string(uint32_t version) {
    return std::to_string(HPO_ABI_MAJOR_OF(version)) + "." +
           std::to_string(HPO_ABI_MINOR_OF(version));
}

std::optional<std::string> check_plugin_table(const hpo_plugin_table *table, uint32_t offered) {
    if (!table)
        return "declined every ABI version the engine offers (engine speaks " +
               abi_version_string(offered) + ")";
    if (table->struct_size < sizeof(hpo_plugin_table))
        return "plugin table " +
               too_small(table->struct_size, sizeof(hpo_plugin_table), "hpo_plugin_table");
    if (HPO_ABI_MAJOR_OF(table->abi_version) != HPO_ABI_MAJOR_OF(offered))
        return "plugin ABI " + abi_version_string(table->abi_version) + ", engine needs " +
               std::to_string(HPO_ABI_MAJOR_OF(offered)) + ".x";
    if (table->abi_version > offered)
        return "plugin answered ABI " + abi_version_string(table->abi_version) +
               ", newer than the " + abi_version_string(offered) + " the engine offered";
    if (table->n_plugins <= 0 || !table->plugins)
        return "plugin table lists no plugins (n_plugins " + std::to_string(table->n_plugins) +
               (table->plugins ? ")" : ", plugins NULL)");
    if (auto reason = check_entry_sizes(*table)) return reason;
    for (int32_t i = 0; i < table->n_plugins; ++i) {
        const hpo_plugin_info &info = plugin_info_at(*table, i);
        if (!is_known_kind(info.kind)) continue;
        if (auto reason = check_info(info, i)) return reason;
    }
    return std::nullopt;
}

bool is_known_kind(int32_t kind) {
    switch (static_cast<hpo_plugin_kind>(kind)) {
    case HPO_PLUGIN_SAMPLER:
    case HPO_PLUGIN_SCHEDULER:
    case HPO_PLUGIN_STORAGE:
    case HPO_PLUGIN_RUNNER:
    case HPO_PLUGIN_OBJECTIVE: return true;
    }
    return false;
}

const hpo_plugin_info &plugin_info_at(const hpo_plugin_table &table, int32_t i) {
    const auto *first = reinterpret_cast<const unsigned char *>(table.plugins);
    const std::size_t stride = table.plugins[0].struct_size;
    return *reinterpret_cast<const hpo_plugin_info *>(first + stride * static_cast<std::size_t>(i));
}

nlohmann::json parse_options_schema(const char *schema_json) {
    if (!schema_json) return nlohmann::json::object();
    return nlohmann::json::parse(schema_json, nullptr, /*allow_exceptions=*/false);
}

}  // namespace hpo
