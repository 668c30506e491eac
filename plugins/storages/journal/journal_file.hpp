// The journal's file: one JSON operation per line, appended under an exclusive lock.
//
// A line counts once its newline is written. Appends happen under flock(LOCK_EX) and each
// writer first consumes every complete line, so whatever follows the last newline while the
// lock is held is a record torn by a writer that died mid-write: the next writer truncates it
// before appending, and readers (who take no lock) never consume a line without its newline.
// flock locks belong to the open file, so two handles in one process exclude each other too.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hpo::storage {

class JournalFile {
public:
    // Opens the file at path if it exists, for reading only where this process may not write
    // it; a missing file reads as empty until create() makes it. url names it in every error
    // message. Throws plugin_kit::StatusError(HPO_EIO) for a path where no file can be (a missing
    // directory, a directory).
    JournalFile(std::string url, std::string path, double timeout_seconds, bool sync);
    ~JournalFile();
    JournalFile(const JournalFile &) = delete;
    JournalFile &operator=(const JournalFile &) = delete;

    // Whether the file exists, opening it when another process has made it since.
    bool exists();
    // Whether the file was there at the last look (exists() or a write).
    [[nodiscard]] bool is_open() const { return fd_ >= 0; }
    // Makes the file unless it exists: the first write does.
    void create();
    // Throws plugin_kit::StatusError(HPO_EIO) naming the file when this process may only read it.
    void require_writable() const;

    // The exclusive lock on an existing file, held for its lifetime. Waits up to the timeout
    // for other processes, then throws plugin_kit::StatusError(HPO_EBUSY) naming the file.
    class Lock {
    public:
        explicit Lock(JournalFile &file);
        ~Lock();
        Lock(const Lock &) = delete;
        Lock &operator=(const Lock &) = delete;

    private:
        JournalFile &file_;
    };

    struct Line {
        std::string text; // without its newline
        int64_t offset;   // where it starts in the file, for messages
    };
    // The complete lines written since the last call (from the start after rewind()); none
    // while there is no file.
    std::vector<Line> read_new_lines();

    // With the lock held, after read_new_lines(): cuts a torn record off the end (it started
    // at consumed()) and returns how many bytes it had (0 when the file ends with a complete
    // line).
    int64_t drop_torn_tail();

    // With the lock held and the torn tail dropped: appends text (whole lines).
    void append(std::string_view text);
    // With sync, waits until everything appended so far (by any process) is on the disk.
    // Called after the lock is released, so that writers queued meanwhile share one sync.
    void flush_to_disk();

    // Reads from the start again (after a failed append left our picture of the file unsure).
    void rewind() { offset_ = 0; }

    [[nodiscard]] const std::string &url() const { return url_; }
    [[nodiscard]] const std::string &path() const { return path_; }
    // Where the next line to read starts: the end of the last complete line read.
    [[nodiscard]] int64_t consumed() const { return offset_; }

private:
    [[noreturn]] void fail(const std::string &doing) const;
    void adopt(int fd); // the open file, once it is known to be a regular file
    [[nodiscard]] int64_t size() const;

    std::string url_;
    std::string path_;
    double timeout_seconds_;
    bool sync_;
    int fd_ = -1;                  // -1 while there is no file
    std::string read_only_reason_; // why the file is open for reading only; empty: writable
    int64_t offset_ = 0;           // bytes consumed: the end of the last complete line read
};

} // namespace hpo::storage
