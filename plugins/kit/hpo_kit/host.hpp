// The engine's services (hpo_host) as a plugin object uses them. The engine keeps the host
// alive until the instance is destroyed (plugin.h), so this holds the pointer.
#pragma once

#include "plugin_kit.hpp"

#include <hpo/plugin.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace hpo::plugin_kit {

class Host {
public:
    explicit Host(const hpo_host &host) : host_(&host) {}

    [[nodiscard]] uint64_t seed() const { return host_->seed; }
    [[nodiscard]] uint32_t abi_version() const { return host_->abi_version; }
    [[nodiscard]] const hpo_host &raw() const { return *host_; }

    void log(hpo_log_level level, const std::string &message) const {
        if (host_->log != nullptr) host_->log(host_->engine, level, message.c_str());
    }
    void error(const std::string &message) const { report_error(host_, message.c_str()); }
    // A copy of text in the engine's memory, for a string handed to the engine.
    [[nodiscard]] char *string(std::string_view text) const { return host_string(*host_, text); }
    // Takes a string the engine handed over (from the host's allocator): its text, released.
    [[nodiscard]] std::string take(char *text) const {
        if (text == nullptr) return {};
        std::string copy = text;
        host_->free(host_->engine, text);
        return copy;
    }

private:
    const hpo_host *host_;
};

} // namespace hpo::plugin_kit
