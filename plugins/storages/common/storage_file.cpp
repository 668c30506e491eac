#include "storage_file.hpp"

#include <hpo_kit/plugin_kit.hpp>

#include <hpo/common.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace hpo::storage {

bool storage_file_exists(const std::string &url, const std::string &path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) == 0) return true;
    const std::string cannot_open = url + ": cannot open \"" + path + "\": ";
    if (errno != ENOENT) throw plugin_kit::StatusError(HPO_EIO, cannot_open + std::strerror(errno));
    const std::filesystem::path directory = std::filesystem::absolute(path).parent_path();
    if (::stat(directory.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
        throw plugin_kit::StatusError(HPO_EIO, cannot_open + std::strerror(ENOENT) + " (its directory \"" +
                                        directory.string() + "\" does not exist)");
    }
    return false;
}

void create_storage_file(const std::string &url, const std::string &path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        if (errno == EEXIST) return;
        throw plugin_kit::StatusError(HPO_EIO, url + ": cannot create \"" + path + "\": " + std::strerror(errno));
    }
    ::close(fd);
    // The new name must survive a crash too: its directory is synced once, now.
    const std::filesystem::path parent = std::filesystem::absolute(path).parent_path();
    const int directory = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (directory < 0) return;
    ::fsync(directory);
    ::close(directory);
}

std::string no_study_named(const std::string &url, const std::string &path, const std::string &name,
                           bool file_exists) {
    std::string message = url + ": no study named \"" + name + "\"";
    if (!file_exists) message += " (there is no file \"" + path + "\" yet)";
    return message;
}

} // namespace hpo::storage
