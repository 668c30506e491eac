// Where a storage's file is. Reading never creates it: a missing file holds no study, and the
// first write (a study's creation) makes it. A path where it could never be made is an error
// from the start, so that a mistyped directory is not mistaken for an empty storage.
#pragma once

#include <string>

namespace hpo::storage {

// Whether the file at path exists; false when it does not but its directory does. Throws
// plugin_kit::StatusError(HPO_EIO) naming url and path otherwise (a missing directory, one that cannot
// be searched).
[[nodiscard]] bool storage_file_exists(const std::string &url, const std::string &path);

// Makes an empty file at path unless one exists (another process may make it first), its
// name synced to the disk with its directory. Throws plugin_kit::StatusError(HPO_EIO) naming url, path
// and the system's reason when it cannot.
void create_storage_file(const std::string &url, const std::string &path);

// What load_study says of a study it does not find, naming the file (which may not exist yet).
[[nodiscard]] std::string no_study_named(const std::string &url, const std::string &path,
                                         const std::string &name, bool file_exists);

} // namespace hpo::storage
