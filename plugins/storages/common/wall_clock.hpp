// Wall-clock time as the records keep it: seconds since the epoch for heartbeats (compared
// across processes and machines) and ISO 8601 UTC text for start and completion times.
#pragma once

#include <string>

namespace hpo::storage {

[[nodiscard]] double now_seconds();

// "2024-05-01T12:34:56.123456Z", the engine's format for datetime_start/datetime_complete.
[[nodiscard]] std::string iso_utc(double seconds_since_epoch);

} // namespace hpo::storage
