// Files for tests: a fresh temporary folder of the test's own, and a file's whole text.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace hpo::test {

// An empty folder "hpo-<name>-<pid>" in the temporary directory, emptied if it was there.
inline std::filesystem::path fresh_dir(const std::string &name) {
    const auto dir = std::filesystem::temp_directory_path() / ("hpo-" + name + "-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

inline std::string read_text(const std::filesystem::path &file) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace hpo::test
