// The options every file storage takes: {"url": "<scheme>:///path", "timeout": seconds}.
//
// URLs follow SQLAlchemy's (and so Optuna's) reading: what follows "<scheme>:///" is the path,
// so "sqlite:///study.db" is relative to the working directory and "sqlite:////tmp/s.db" is
// absolute; "sqlite:///" + any path names that path.
#pragma once

#include <string>
#include <string_view>

namespace hpo::storage {

inline constexpr const char *storage_options_schema = R"({
  "url": {"type": "string", "required": true,
          "description": "where the study lives: <scheme>:///path (relative), <scheme>:////abs/path"},
  "timeout": {"type": "number", "default": 30, "minimum": 0,
              "description": "seconds to wait for another process's lock before failing"},
  "sync": {"type": "boolean", "default": true,
           "description": "wait for each write to reach the disk; false: a write still survives its process being killed, not the machine losing power, and is many times faster"}
})";

struct StorageOptions {
    std::string url;
    std::string path;
    double timeout_seconds = 30;
    bool sync = true;
};

// Checks options_json against storage_options_schema and the URL against scheme ("sqlite",
// "journal"); throws plugin_kit::InvalidOption naming the option otherwise.
[[nodiscard]] StorageOptions parse_storage_options(std::string_view scheme,
                                                   std::string_view options_json);

} // namespace hpo::storage
