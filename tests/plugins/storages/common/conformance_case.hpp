// What each case of the storage conformance suite runs against: the library and URL the
// program was given (conformance_main.cpp), a fresh folder per case for the URL's {dir}, and
// study names of the case's own, so that a storage kept between runs (a database server)
// keeps each case apart; the studies are deleted when the case ends.
#pragma once

#include "storage_client.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hpo::test {

// An id no storage hands out before it has held 2^53 studies or trials.
inline constexpr int64_t missing_id = (int64_t{1} << 53) - 1;

// Whether the storage fills an optional slot of its ops; when not, says the case is skipped.
template <class Slot>
bool offers(Slot slot, const char *operation) {
    if (slot != nullptr) return true;
    MESSAGE("skipped: the storage has no " << operation << " (optional)");
    return false;
}

struct ConformanceTarget {
    std::string library; // the storage library's file
    std::string url;     // the URL to test against; {dir} stands for a fresh folder
};

// Set once by main before any case runs.
ConformanceTarget &conformance_target();

class ConformanceCase {
public:
    ConformanceCase();
    ~ConformanceCase();
    ConformanceCase(const ConformanceCase &) = delete;
    ConformanceCase &operator=(const ConformanceCase &) = delete;

    [[nodiscard]] const std::string &library() const { return conformance_target().library; }
    [[nodiscard]] const std::string &url() const { return url_; }
    // A name no other case or run uses, for a study this case creates.
    std::string study_name(const std::string &base);
    // A new instance on the case's URL.
    [[nodiscard]] std::unique_ptr<StorageClient> open() const;
    // A study of the case on `storage`, its id.
    int64_t create_study(StorageClient &storage, const std::string &base);

    // The instance most cases need.
    StorageClient &storage() { return *storage_; }

private:
    std::optional<ScratchDir> dir_;
    std::string url_;
    std::string prefix_;
    std::vector<std::string> names_;
    std::unique_ptr<StorageClient> storage_;
};

} // namespace hpo::test
