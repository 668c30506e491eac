#include "journal_file.hpp"

#include <hpo_kit/plugin_kit.hpp>
#include <storage_file.hpp>

#include <hpo/common.h>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

namespace hpo::storage {

JournalFile::JournalFile(std::string url, std::string path, double timeout_seconds, bool sync)
    : url_(std::move(url)), path_(std::move(path)), timeout_seconds_(timeout_seconds), sync_(sync) {
    if (storage_file_exists(url_, path_)) exists();
}

bool JournalFile::exists() {
    if (fd_ >= 0) return true;
    int fd = ::open(path_.c_str(), O_RDWR | O_APPEND | O_CLOEXEC);
    if (fd < 0 && (errno == EACCES || errno == EPERM || errno == EROFS)) {
        // Still readable: what this process may not write, it can list and load.
        read_only_reason_ = std::strerror(errno);
        fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    }
    if (fd < 0 && errno == ENOENT) return false;
    if (fd < 0) fail("cannot open \"" + path_ + "\"");
    adopt(fd);
    return true;
}

void JournalFile::create() {
    if (exists()) return;
    create_storage_file(url_, path_);
    if (!exists()) throw plugin_kit::StatusError(HPO_EIO, url_ + ": \"" + path_ + "\" vanished as it was made");
}

void JournalFile::adopt(int fd) {
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        throw plugin_kit::StatusError(HPO_EIO, url_ + ": \"" + path_ + "\" is not a regular file");
    }
    fd_ = fd;
}

void JournalFile::require_writable() const {
    if (read_only_reason_.empty()) return;
    throw plugin_kit::StatusError(HPO_EIO, url_ + ": cannot write to \"" + path_ + "\": " + read_only_reason_ +
                                    " (this process may only read it)");
}

JournalFile::~JournalFile() {
    if (fd_ >= 0) ::close(fd_);
}

void JournalFile::fail(const std::string &doing) const {
    throw plugin_kit::StatusError(HPO_EIO, url_ + ": " + doing + ": " + std::strerror(errno));
}

int64_t JournalFile::size() const {
    struct stat info {};
    if (::fstat(fd_, &info) != 0) fail("cannot read the file's size");
    return static_cast<int64_t>(info.st_size);
}

JournalFile::Lock::Lock(JournalFile &file) : file_(file) {
    const auto started = std::chrono::steady_clock::now();
    auto pause = std::chrono::microseconds(50);
    while (::flock(file_.fd_, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK && errno != EINTR) file_.fail("cannot lock the file");
        const std::chrono::duration<double> waited = std::chrono::steady_clock::now() - started;
        if (waited.count() >= file_.timeout_seconds_) {
            // Nothing is written before the lock is held: a later call may get through.
            throw plugin_kit::StatusError(HPO_EBUSY, file_.url_ + ": \"" + file_.path_ +
                                                         "\" stayed locked by another writer for " +
                                                         std::to_string(static_cast<int>(waited.count())) +
                                                         " s (the \"timeout\" option); nothing was changed");
        }
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, std::chrono::microseconds(5000));
    }
}

JournalFile::Lock::~Lock() { ::flock(file_.fd_, LOCK_UN); }

std::vector<JournalFile::Line> JournalFile::read_new_lines() {
    std::vector<Line> lines;
    if (!exists()) return lines;
    const int64_t end = size();
    if (end <= offset_) return lines;
    std::string bytes(static_cast<size_t>(end - offset_), '\0');
    size_t filled = 0;
    while (filled < bytes.size()) {
        const ssize_t got = ::pread(fd_, bytes.data() + filled, bytes.size() - filled,
                                    static_cast<off_t>(offset_) + static_cast<off_t>(filled));
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) fail("cannot read");
        if (got == 0) break; // truncated meanwhile: what is gone was a torn tail
        filled += static_cast<size_t>(got);
    }
    size_t start = 0;
    for (size_t newline = bytes.find('\n'); newline < filled; newline = bytes.find('\n', start)) {
        lines.push_back({bytes.substr(start, newline - start), offset_ + static_cast<int64_t>(start)});
        start = newline + 1;
    }
    offset_ += static_cast<int64_t>(start);
    return lines;
}

int64_t JournalFile::drop_torn_tail() {
    const int64_t torn = size() - offset_;
    if (torn <= 0) return 0;
    if (::ftruncate(fd_, static_cast<off_t>(offset_)) != 0) fail("cannot cut off a torn record");
    return torn;
}

void JournalFile::append(std::string_view text) {
    size_t written = 0;
    while (written < text.size()) {
        const ssize_t wrote = ::write(fd_, text.data() + written, text.size() - written);
        if (wrote < 0 && errno == EINTR) continue;
        if (wrote < 0) fail("cannot append");
        written += static_cast<size_t>(wrote);
    }
    offset_ += static_cast<int64_t>(text.size());
}

void JournalFile::flush_to_disk() {
    if (sync_ && ::fdatasync(fd_) != 0) fail("cannot flush to disk");
}

} // namespace hpo::storage
