// The options of the postgres storage: a libpq URL, postgresql://user@host:port/db?..., whose
// query holds libpq's own parameters (sslmode, application_name, ...), passed on as written,
// and this storage's "timeout" and "sync", taken out before libpq sees the URL.
//
// A URL may carry a password (postgresql://user:secret@host/db, ?password=...): the URL
// shown in messages and logs is the redacted one, with every password replaced by "***".
#pragma once

#include <hpo_kit/options.hpp>

#include <string>
#include <string_view>

namespace hpo::storage {

// libpq's URI parameters are listed so that the adapter's check of the query lets them
// through (and still refuses a misspelt one); the values are libpq's to check.
inline constexpr const char *postgres_storage_schema = R"json({
  "url": {"type": "string", "required": true,
          "description": "postgresql://user@host:port/db?sslmode=...&application_name=... (or postgres://), given to libpq as written; the password from the URL, PGPASSWORD or ~/.pgpass"},
  "timeout": {"type": "number", "default": 60, "minimum": 0,
              "description": "query option: seconds an operation keeps retrying, with backoff, while the server cannot be reached (a restart, a lost connection) before failing as busy (HPO_EBUSY)"},
  "sync": {"type": "boolean", "default": true,
           "description": "query option: each write waits until the server has it on disk; false (synchronous_commit off): a write still survives a killed worker and a server restart, not a server crash, and is several times faster"},
  "host": {"type": "string", "description": "libpq parameter"},
  "hostaddr": {"type": "string", "description": "libpq parameter"},
  "port": {"type": "integer", "description": "libpq parameter"},
  "dbname": {"type": "string", "description": "libpq parameter"},
  "user": {"type": "string", "description": "libpq parameter"},
  "passfile": {"type": "string", "description": "libpq parameter"},
  "connect_timeout": {"type": "integer", "description": "libpq parameter"},
  "client_encoding": {"type": "string", "description": "libpq parameter"},
  "options": {"type": "string", "description": "libpq parameter"},
  "application_name": {"type": "string", "description": "libpq parameter"},
  "keepalives": {"type": "integer", "description": "libpq parameter"},
  "keepalives_idle": {"type": "integer", "description": "libpq parameter"},
  "keepalives_interval": {"type": "integer", "description": "libpq parameter"},
  "keepalives_count": {"type": "integer", "description": "libpq parameter"},
  "tcp_user_timeout": {"type": "integer", "description": "libpq parameter"},
  "sslmode": {"type": "string", "description": "libpq parameter"},
  "sslcert": {"type": "string", "description": "libpq parameter"},
  "sslkey": {"type": "string", "description": "libpq parameter"},
  "sslrootcert": {"type": "string", "description": "libpq parameter"},
  "sslcrl": {"type": "string", "description": "libpq parameter"},
  "gssencmode": {"type": "string", "description": "libpq parameter"},
  "channel_binding": {"type": "string", "description": "libpq parameter"},
  "target_session_attrs": {"type": "string", "description": "libpq parameter"},
  "service": {"type": "string", "description": "libpq parameter"}
})json";

struct PostgresOptions {
    std::string conninfo; // the URL for libpq: as given, less this storage's own options
    std::string shown;    // the URL for messages: no query, no password
    double timeout_seconds = 60;
    bool sync = true;
};

[[nodiscard]] PostgresOptions postgres_options(const plugin_kit::Options &options);

} // namespace hpo::storage
