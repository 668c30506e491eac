// The hpo_scheduler_ops of a scheduler written as a C++ class:
//
//   struct Median {
//       static constexpr const char *name = "median", *summary = "...";
//       static constexpr const char *schema = R"json({...})json"; // its options schema
//       explicit Median(const plugin_kit::Options &options);
//       bool should_prune(const hpo_study_view &, int64_t trial_index) const;
//       // optional: attributes to record on a starting trial, as a JSON object
//       std::optional<std::string> on_trial_start(const hpo_study_view &, int64_t) const;
//   };
//
// scheduler_ops<Median>() fills the table: each operation catches every exception and
// reports it through the host, as plugin.h requires.
#pragma once

#include <hpo_kit/options.hpp>
#include <hpo_kit/plugin_kit.hpp>

#include <hpo/plugin.h>

#include <concepts>
#include <optional>
#include <string>

namespace hpo::schedulers {

template <class Scheduler>
concept AssignsOnStart = requires(const Scheduler &scheduler, const hpo_study_view &study) {
    { scheduler.on_trial_start(study, int64_t{}) } -> std::same_as<std::optional<std::string>>;
};

template <class Scheduler>
struct SchedulerInstance {
    hpo_host host;
    Scheduler scheduler;
};

template <class Scheduler>
struct SchedulerAdapter {
    using Instance = SchedulerInstance<Scheduler>;

    static int32_t create(const char *options_json, const hpo_host *host, void **out_self) {
        return plugin_kit::guarded(host, [&] {
            if (options_json == nullptr || out_self == nullptr) {
                throw std::invalid_argument("create: options_json and out_self must not be NULL");
            }
            const plugin_kit::Options options(Scheduler::schema, options_json);
            *out_self = new Instance{plugin_kit::copy_host(*host), Scheduler(options)};
            return int32_t{HPO_OK};
        });
    }

    static void destroy(void *self) { delete static_cast<Instance *>(self); }

    static int32_t should_prune(void *self, const hpo_study_view *study, int64_t trial_index,
                                int32_t *out_prune) {
        auto &instance = *static_cast<Instance *>(self);
        return plugin_kit::guarded(&instance.host, [&] {
            *out_prune = instance.scheduler.should_prune(*study, trial_index) ? 1 : 0;
            return int32_t{HPO_OK};
        });
    }

    static int32_t on_trial_start(void *self, const hpo_study_view *study, int64_t trial_index,
                                  char **out_attrs_json) {
        auto &instance = *static_cast<Instance *>(self);
        return plugin_kit::guarded(&instance.host, [&] {
            const std::optional<std::string> attrs =
                instance.scheduler.on_trial_start(*study, trial_index);
            *out_attrs_json = attrs ? plugin_kit::host_string(instance.host, *attrs) : nullptr;
            return int32_t{HPO_OK};
        });
    }
};

template <class Scheduler>
constexpr hpo_scheduler_ops scheduler_ops() {
    using Adapter = SchedulerAdapter<Scheduler>;
    hpo_scheduler_ops ops{};
    ops.struct_size = sizeof(hpo_scheduler_ops);
    ops.create = &Adapter::create;
    ops.destroy = &Adapter::destroy;
    if constexpr (AssignsOnStart<Scheduler>) ops.on_trial_start = &Adapter::on_trial_start;
    ops.should_prune = &Adapter::should_prune;
    return ops;
}

// The one-entry table a scheduler library answers hpo_plugin_query with. Our schedulers keep
// no state between calls (they read everything from the view), so they are thread-safe.
template <class Scheduler>
struct SchedulerLibrary {
    static constexpr hpo_scheduler_ops ops = scheduler_ops<Scheduler>();
    static constexpr hpo_plugin_info info{sizeof(hpo_plugin_info), HPO_PLUGIN_SCHEDULER,
                                          Scheduler::name,         Scheduler::summary,
                                          HPO_PLUGIN_THREAD_SAFE,  Scheduler::schema,
                                          &ops};
    static constexpr hpo_plugin_table table{sizeof(hpo_plugin_table), HPO_ABI_VERSION, 1, &info};
};

} // namespace hpo::schedulers
