#include "plugin_instance.hpp"

#include <cstddef>
#include <cstdio>
#include <cstdlib>

namespace hpo {
namespace {

thread_local std::string plugin_error;

void *host_alloc(void *, std::size_t size) { return std::malloc(size); }
void host_free(void *, void *ptr) { std::free(ptr); }
void host_set_error(void *, const char *message) { plugin_error = message ? message : ""; }

void host_log(void *, int32_t level, const char *message) {
    // Plugins log through the engine so that one switch silences them all: warnings and
    // errors by default, everything with HPO_LOG=debug.
    static const int32_t threshold = [] {
        const char *env = std::getenv("HPO_LOG");
        if (env == nullptr) return int32_t{HPO_LOG_WARNING};
        const std::string level_name = env;
        if (level_name == "debug") return int32_t{HPO_LOG_DEBUG};
        if (level_name == "info") return int32_t{HPO_LOG_INFO};
        if (level_name == "error") return int32_t{HPO_LOG_ERROR};
        return int32_t{HPO_LOG_WARNING};
    }();
    if (level < threshold || message == nullptr) return;
    static const char *const names[] = {"debug", "info", "warning", "error"};
    const char *name = level >= 0 && level <= 3 ? names[level] : "log";
    std::fprintf(stderr, "hpo %s: %s\n", name, message);
}

// A status that says what went wrong (a bad option, a taken name, a busy storage, a trial
// ended elsewhere) stays itself, so a binding can tell the user; the rest say "a plugin failed".
hpo_status kept_status(int32_t status) {
    switch (status) {
    case HPO_EINVAL:
    case HPO_ENOTFOUND:
    case HPO_ESTATE:
    case HPO_ENOMEM:
    case HPO_EIO:
    case HPO_EBUSY:
    case HPO_EEXISTS:
    case HPO_ENOTSUP:
    case HPO_ECANCELLED: return static_cast<hpo_status>(status);
    default: return HPO_EPLUGIN;
    }
}

uint64_t splitmix64(uint64_t x) {
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

// FNV-1a: a name's hash that is the same in every build, so seeds stay reproducible.
uint64_t stable_hash(const std::string &text) {
    uint64_t hash = 0xcbf29ce484222325ull;
    for (const unsigned char c : text) hash = (hash ^ c) * 0x100000001b3ull;
    return hash;
}

}  // namespace

hpo_host make_host(uint64_t seed) {
    hpo_host host{};
    host.struct_size = sizeof(hpo_host);
    host.abi_version = HPO_ABI_VERSION;
    host.engine = nullptr;
    host.alloc = host_alloc;
    host.free = host_free;
    host.set_error = host_set_error;
    host.log = host_log;
    host.seed = seed;
    return host;
}

void set_plugin_error(const std::string &message) { plugin_error = message; }

std::string take_plugin_error() {
    std::string message;
    message.swap(plugin_error);
    return message;
}

int32_t check_plugin_status(int32_t status, const PluginEntry &entry, const char *what) {
    if (status >= 0) return status;
    std::string message = std::string(plugin_kind_name(static_cast<hpo_plugin_kind>(entry.info->kind))) +
                          " \"" + entry.info->name + "\": " + what + " failed";
    const std::string detail = take_plugin_error();
    message += detail.empty() ? std::string(" with status ") + std::to_string(status) : ": " + detail;
    fail(kept_status(status), message);
}

uint32_t trial_view_size(uint32_t abi_version) {
    if (abi_version < HPO_ABI_MAKE(1, 1)) return offsetof(hpo_trial_view, n_constraints);
    return sizeof(hpo_trial_view);
}

uint64_t derive_seed(uint64_t study_seed, hpo_plugin_kind kind, const std::string &name) {
    return splitmix64(study_seed ^ splitmix64(static_cast<uint64_t>(kind) ^ stable_hash(name)));
}

}  // namespace hpo
