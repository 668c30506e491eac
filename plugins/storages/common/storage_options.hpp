// The options of a storage that keeps its studies in one file: "<scheme>:///path", with a
// timeout and sync as the URL's query ("sqlite:///study.db?timeout=5&sync=false").
//
// URLs follow SQLAlchemy's (and so Optuna's) reading: what follows "<scheme>:///" is the path,
// so "sqlite:///study.db" is relative to the working directory and "sqlite:////tmp/s.db" is
// absolute; "sqlite:///" + any path names that path.
#pragma once

#include <hpo_kit/options.hpp>

#include <string>
#include <string_view>

namespace hpo::storage {

inline constexpr const char *file_storage_schema = R"json({
  "url": {"type": "string", "required": true,
          "description": "where the study lives: <scheme>:///path (relative), <scheme>:////abs/path; the options below follow as its query, <scheme>:///path?timeout=5&sync=false"},
  "timeout": {"type": "number", "default": 30, "minimum": 0,
              "description": "query option: seconds to wait for another process's lock before failing as busy (HPO_EBUSY)"},
  "sync": {"type": "boolean", "default": true,
           "description": "query option: wait for each write to reach the disk; false: a write still survives its process being killed, not the machine losing power, and is many times faster"}
})json";

struct StorageOptions {
    std::string url;  // without its query: names the storage in messages
    std::string path;
    double timeout_seconds = 30;
    bool sync = true;
};

// The options of a file storage of `scheme` ("sqlite", "journal"), checked against
// file_storage_schema; throws plugin_kit::InvalidOption unless the URL is <scheme>:///path.
[[nodiscard]] StorageOptions file_storage_options(std::string_view scheme,
                                                  const plugin_kit::Options &options);

} // namespace hpo::storage
