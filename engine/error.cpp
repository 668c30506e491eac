#include "error.hpp"

#include <nlohmann/json.hpp>

#include <new>

namespace hpo {

hpo_status current_exception_status(std::string &message) noexcept {
    try {
        throw;
    } catch (const Error &e) {
        message = e.what();
        return e.status();
    } catch (const nlohmann::json::parse_error &e) {
        message = std::string("malformed JSON: ") + e.what();
        return HPO_EINVAL;
    } catch (const nlohmann::json::exception &e) {
        message = std::string("unexpected JSON: ") + e.what();
        return HPO_EINVAL;
    } catch (const std::bad_alloc &) {
        message = "out of memory";
        return HPO_ENOMEM;
    } catch (const std::exception &e) {
        message = e.what();
        return HPO_ERROR;
    } catch (...) {
        message = "unknown exception";
        return HPO_ERROR;
    }
}

const char *status_text(int32_t status) noexcept {
    switch (status) {
    case HPO_OK: return "ok";
    case HPO_PRUNED: return "pruned";
    case HPO_DONE: return "done";
    case HPO_ERROR: return "error";
    case HPO_EINVAL: return "invalid argument";
    case HPO_ENOTFOUND: return "not found";
    case HPO_EPLUGIN: return "plugin error";
    case HPO_ESTATE: return "wrong state";
    case HPO_EUSER: return "user callback failed";
    case HPO_ENOMEM: return "out of memory";
    case HPO_EIO: return "storage input/output error";
    case HPO_EABI: return "ABI version mismatch";
    case HPO_EBUSY: return "busy, try again";
    case HPO_EEXISTS: return "already exists";
    case HPO_ENOTSUP: return "not supported";
    case HPO_ECANCELLED: return "cancelled";
    }
    return "unknown status";
}

}  // namespace hpo
