// One way to write a plugin. A plugin is a C++ class that says what it is and is built from
// its checked options and the engine's host:
//
//   class MedianPruner {
//   public:
//       static constexpr plugin_kit::About about{
//           "median", "Prunes a trial whose best value is worse than the median ...",
//           R"json({"n_startup_trials": {"type": "integer", "default": 5, ...}})json",
//           HPO_PLUGIN_THREAD_SAFE};
//       MedianPruner(const plugin_kit::Options &options, const plugin_kit::Host &host);
//       ... the operations of its kind ...
//   };
//
// Its kind's adapter (samplers/common/sampler_adapter.hpp, schedulers/common/..., and so on
// for storages, runners and objectives) turns the class into that kind's ops table, calling
// the optional operations the class has (found at compile time) and leaving the others NULL.
// Each plugin library has one entry file, plugin.cpp, which names the plugins it holds:
//
//   HPO_PLUGIN_LIBRARY(hpo::schedulers::SchedulerAdapter<hpo::schedulers::MedianPruner>)
//
// Options are checked against about.options_schema before the constructor runs (options.hpp
// says what a schema may say), so `hpo plugins` shows exactly what a plugin accepts. Every
// operation runs under plugin_kit::guarded: an exception becomes a status and a message.
#pragma once

#include "host.hpp"
#include "options.hpp"
#include "plugin_kit.hpp"

#include <hpo/plugin.h>

#include <concepts>
#include <cstdint>
#include <string_view>

namespace hpo::plugin_kit {

// What a plugin says of itself in hpo_plugin_info.
struct About {
    const char *name;           // unique per kind: a-z, 0-9, '_' and '-'
    const char *summary;        // one line, shown by `hpo plugins`
    const char *options_schema; // a JSON object of option name -> rule (options.hpp)
    uint32_t flags;             // HPO_PLUGIN_THREAD_SAFE when one instance may serve many threads
};

constexpr bool is_plugin_name(std::string_view name) {
    if (name.empty()) return false;
    for (const char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        if (!ok) return false;
    }
    return true;
}

template <class Plugin>
concept PluginClass = requires {
    { Plugin::about } -> std::convertible_to<About>;
} && std::constructible_from<Plugin, const Options &, const Host &>;

// A live instance: the plugin object beside the host it was created with.
template <class Plugin>
struct Instance {
    Host host;
    Plugin plugin;
};

// create, destroy and guarded calls, the same for every kind.
template <PluginClass Plugin>
struct Lifecycle {
    static_assert(is_plugin_name(Plugin::about.name), "a plugin name is made of a-z, 0-9, '_', '-'");
    using Instance = plugin_kit::Instance<Plugin>;

    // Builds the instance from options already checked against the plugin's schema.
    static int32_t make(const Options &options, const hpo_host &host, void **out_self) {
        const Host wrapped(host);
        *out_self = new Instance{wrapped, Plugin(options, wrapped)};
        return HPO_OK;
    }

    static int32_t create(const char *options_json, const hpo_host *host, void **out_self) {
        if (host == nullptr || out_self == nullptr) return HPO_EINVAL;
        return guarded(host, [&] {
            return make(Options(Plugin::about.options_schema, options_json), *host, out_self);
        });
    }

    static void destroy(void *self) { delete static_cast<Instance *>(self); }

    // body(plugin, host) -> hpo_status, with every exception turned into a status.
    template <class Body>
    static int32_t call(void *self, Body &&body) noexcept {
        if (self == nullptr) return HPO_EINVAL;
        auto &instance = *static_cast<Instance *>(self);
        return guarded(&instance.host.raw(),
                       [&]() -> int32_t { return body(instance.plugin, instance.host); });
    }
};

// The hpo_plugin_info of a plugin of `kind` whose ops table is `ops`.
template <PluginClass Plugin, class Ops>
constexpr hpo_plugin_info plugin_info(hpo_plugin_kind kind, const Ops &ops) {
    return {sizeof(hpo_plugin_info), kind,
            Plugin::about.name,      Plugin::about.summary,
            Plugin::about.flags,     Plugin::about.options_schema,
            &ops};
}

// The table hpo_plugin_query answers with: one entry per adapter, in the order given.
template <class... Adapters>
const hpo_plugin_table *library_table(uint32_t offered_abi_version) noexcept {
    static constexpr hpo_plugin_info infos[] = {Adapters::info...};
    static constexpr hpo_plugin_table table{sizeof(hpo_plugin_table), HPO_ABI_VERSION,
                                            static_cast<int32_t>(sizeof...(Adapters)), infos};
    return negotiate(offered_abi_version, table);
}

} // namespace hpo::plugin_kit

// Emits the library's one exported symbol, hpo_plugin_query, for the adapters named:
// HPO_PLUGIN_LIBRARY(hpo::samplers::SamplerAdapter<Tpe>, hpo::samplers::SamplerAdapter<Anneal>)
#define HPO_PLUGIN_LIBRARY(...)                                                            \
    HPO_PLUGIN_ENTRY const hpo_plugin_table *hpo_plugin_query(uint32_t offered_abi_version) { \
        return ::hpo::plugin_kit::library_table<__VA_ARGS__>(offered_abi_version);          \
    }
