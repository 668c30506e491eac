// The built file storages (sqlite, journal) on a file of a test's choosing, for the tests of
// what only a storage in a file does. The libraries' paths come from the build
// (hpo_file_storage_tests in CMakeLists.txt).
#pragma once

#include "storage_client.hpp"

#include <fstream>
#include <sstream>
#include <string>

namespace hpo::test {

inline std::string library_of(const std::string &scheme) {
    return scheme == "sqlite" ? SQLITE_LIBRARY : JOURNAL_LIBRARY;
}

// The bytes of the file at path.
inline std::string read_file(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// "sqlite:///" + path: an absolute path gives "sqlite:////tmp/...".
inline std::string url_of(const std::string &scheme, const std::string &path) { return scheme + ":///" + path; }

// The status of opening the built storage of the URL's scheme on `url`; what it said in `error`.
inline int32_t try_open(const std::string &url, std::string &error) {
    try {
        const StorageClient storage(library_of(scheme_of(url)), url);
        return HPO_OK;
    } catch (const OpenRefused &refused) {
        error = refused.what();
        return refused.status();
    }
}

class FileStorage : public StorageClient {
public:
    // `query` ("?timeout=1") follows the path in the URL.
    FileStorage(const std::string &scheme, const std::string &path, const std::string &query = "")
        : StorageClient(library_of(scheme), url_of(scheme, path) + query) {}
};

} // namespace hpo::test
