// What every plugin of ours needs at the ABI boundary: no exception escapes an operation,
// errors reach the engine through host->set_error with the status they deserve, strings
// cross in the engine's memory.
#pragma once

#include <hpo/plugin.h>

#include <cstdint>
#include <cstring>
#include <exception>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>

namespace hpo::plugin_kit {

// An error that carries the hpo_status it should be reported with (HPO_ENOTFOUND,
// HPO_ESTATE, HPO_EBUSY, ...), for failures that are neither bad input nor a plain error.
class StatusError : public std::runtime_error {
public:
    StatusError(int32_t status, const std::string &message)
        : std::runtime_error(message), status_(status) {}
    [[nodiscard]] int32_t status() const noexcept { return status_; }

private:
    int32_t status_;
};

inline void report_error(const hpo_host *host, const char *message) {
    if (host != nullptr && host->set_error != nullptr) host->set_error(host->engine, message);
}

// Runs body() (which returns an hpo_status) and turns any exception into a status and an
// error message: StatusError keeps its status, std::invalid_argument is bad input
// (HPO_EINVAL), the rest HPO_ERROR.
template <class Body>
int32_t guarded(const hpo_host *host, Body &&body) noexcept {
    try {
        return body();
    } catch (const StatusError &error) {
        report_error(host, error.what());
        return error.status();
    } catch (const std::invalid_argument &error) {
        report_error(host, error.what());
        return HPO_EINVAL;
    } catch (const std::bad_alloc &) {
        report_error(host, "out of memory");
        return HPO_ENOMEM;
    } catch (const std::exception &error) {
        report_error(host, error.what());
        return HPO_ERROR;
    } catch (...) {
        report_error(host, "unknown exception");
        return HPO_ERROR;
    }
}

// A NUL-terminated copy of text in the engine's memory (for strings returned to it).
inline char *host_string(const hpo_host &host, std::string_view text) {
    auto *copy = static_cast<char *>(host.alloc(host.engine, text.size() + 1));
    if (copy == nullptr) throw std::bad_alloc();
    std::memcpy(copy, text.data(), text.size());
    copy[text.size()] = '\0';
    return copy;
}

// The answer of hpo_plugin_query: the table when the engine speaks our ABI major version
// and at least the minor version we were built for, else NULL (the engine says why). Our
// plugins do not degrade to an older minor version: they rely on what 1.1 added (strides,
// the host's lifetime).
inline const hpo_plugin_table *negotiate(uint32_t offered_abi_version,
                                         const hpo_plugin_table &table) {
    const bool compatible = HPO_ABI_MAJOR_OF(offered_abi_version) == HPO_ABI_VERSION_MAJOR &&
                            offered_abi_version >= HPO_ABI_VERSION;
    return compatible ? &table : nullptr;
}

} // namespace hpo::plugin_kit
