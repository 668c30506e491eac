// The study's trials in the plugin ABI's shape (an array of hpo_trial_view), kept up to date
// as trials change, so that handing a sampler the history costs what changed since the last
// hand-out, not the whole history.
//
// Each trial's view lives in an immutable block, rebuilt when the trial changes. A reader
// leases a buffer, the contiguous hpo_trial_view array the ABI wants: while leased it is the
// reader's alone, so other threads go on asking and telling; when leased again it is caught
// up by copying only the views of trials changed in between (a log of trial numbers). A
// replaced block stays alive until no leased buffer can still point into it.
//
// A buffer lays its views out with the stride its reader expects: the full hpo_trial_view
// for a plugin of this ABI, the 1.0 size for a plugin that answered 1.0 (whose reader steps
// through the array by its own, smaller struct).
#pragma once

#include "trial_record.hpp"

#include <hpo/plugin.h>

#include <deque>
#include <memory>
#include <mutex>
#include <vector>

namespace hpo {

// One trial's view and the arrays it points into.
struct TrialBlock {
    hpo_trial_view view{};
    std::unique_ptr<double[]> numbers;  // the parameters, values, intermediate values, constraints
    std::unique_ptr<int64_t[]> steps;
    std::string system_attrs;

    static std::shared_ptr<const TrialBlock> build(const TrialRecord &trial, std::size_t n_params);
};

class TrialViews {
public:
    struct Buffer;

    // A leased buffer: views[0 .. n_trials) stay valid and unchanged until it is returned.
    class Lease {
    public:
        Lease(TrialViews *owner, Buffer *buffer) : owner_(owner), buffer_(buffer) {}
        Lease(Lease &&other) noexcept : owner_(other.owner_), buffer_(other.buffer_) { other.buffer_ = nullptr; }
        Lease &operator=(Lease &&) = delete;
        ~Lease();

        // The first view; the next ones follow at stride().
        const hpo_trial_view *views() const;
        uint32_t stride() const;
        int64_t n_trials() const;
        // Points one trial's view at parameters the reader owns (a trial being proposed).
        void override_params(int64_t number, const double *params);

    private:
        TrialViews *owner_;
        Buffer *buffer_;
    };

    TrialViews();
    ~TrialViews();
    TrialViews(const TrialViews &) = delete;
    TrialViews &operator=(const TrialViews &) = delete;

    // The trial of this number is new or has changed. Called with the study's lock held.
    void changed(int64_t number);
    // Every trial has changed: the space grew, so each view has more parameters.
    void changed_all();
    // A buffer showing `trials` as they are now, `stride` bytes per view (at most
    // sizeof(hpo_trial_view)). Called with the study's lock held (the trials are read); the
    // lease may outlive that lock.
    Lease lease(const std::deque<TrialRecord> &trials, std::size_t n_params, uint32_t stride);

private:
    void give_back(Buffer *buffer);
    void rebuild_stale_locked(const std::deque<TrialRecord> &trials, std::size_t n_params);
    Buffer &free_buffer_locked(uint32_t stride);
    void catch_up_locked(Buffer &buffer, std::size_t n_trials);
    void retire_locked(std::shared_ptr<const TrialBlock> block);
    void collect_locked();
    uint64_t log_end() const { return log_start_ + log_.size(); }

    std::mutex mutex_;  // leases are returned without the study's lock
    std::vector<std::shared_ptr<const TrialBlock>> blocks_;  // by number
    std::vector<int64_t> stale_;                             // numbers whose block is out of date
    std::vector<bool> is_stale_;
    bool all_stale_ = false;
    uint64_t generation_ = 0;  // bumped when every block was rebuilt: older buffers are rebuilt whole
    // Numbers whose block was (re)built, in order; position log_start_ + i holds log_[i].
    std::deque<int64_t> log_;
    uint64_t log_start_ = 0;
    std::vector<std::unique_ptr<Buffer>> pool_;
    // Replaced blocks, each with the log position at which it was replaced.
    std::deque<std::pair<uint64_t, std::shared_ptr<const TrialBlock>>> retired_;
};

}  // namespace hpo
