// An error of a storage operation that carries its hpo_status (HPO_ENOTFOUND, HPO_ESTATE,
// HPO_EIO, ...), so the adapter can return the right code beside the message.
#pragma once

#include <hpo/common.h>

#include <cstdint>
#include <stdexcept>
#include <string>

namespace hpo::storage {

class StorageError : public std::runtime_error {
public:
    StorageError(int32_t status, const std::string &message)
        : std::runtime_error(message), status_(status) {}
    [[nodiscard]] int32_t status() const { return status_; }

private:
    int32_t status_;
};

} // namespace hpo::storage
