#include "conformance_case.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <atomic>
#include <random>

namespace hpo::test {
namespace {

// "conformance-<pid>-<case>-<random>": unique among the cases of a run and, by its random
// part, among runs that left studies behind (one killed before it could delete them).
std::string unique_prefix() {
    static std::atomic<int> cases{0};
    static const unsigned run = std::random_device{}();
    return "conformance-" + std::to_string(::getpid()) + "-" + std::to_string(cases++) + "-" + std::to_string(run);
}

std::string with_dir(std::string url, const std::string &dir) {
    for (auto at = url.find("{dir}"); at != std::string::npos; at = url.find("{dir}", at + dir.size())) {
        url.replace(at, 5, dir);
    }
    return url;
}

} // namespace

ConformanceTarget &conformance_target() {
    static ConformanceTarget target;
    return target;
}

ConformanceCase::ConformanceCase() : prefix_(unique_prefix()) {
    const ConformanceTarget &target = conformance_target();
    const bool given = !target.library.empty() && !target.url.empty();
    REQUIRE_MESSAGE(given, "run with --library PATH --url URL (see --help)");
    if (target.url.find("{dir}") != std::string::npos) {
        dir_.emplace();
        url_ = with_dir(target.url, dir_->path().string());
    } else {
        url_ = target.url;
    }
    storage_ = open();
}

ConformanceCase::~ConformanceCase() {
    for (const std::string &name : names_) storage_->try_delete_study(name); // gone already: fine
    storage_.reset();
}

std::string ConformanceCase::study_name(const std::string &base) {
    names_.push_back(prefix_ + "-" + base);
    return names_.back();
}

std::unique_ptr<StorageClient> ConformanceCase::open() const {
    return std::make_unique<StorageClient>(library(), url_);
}

int64_t ConformanceCase::create_study(StorageClient &storage, const std::string &base) {
    return storage.create_study(study_name(base));
}

} // namespace hpo::test
