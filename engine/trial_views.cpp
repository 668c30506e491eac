#include "trial_views.hpp"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <limits>

namespace hpo {

struct TrialViews::Buffer {
    explicit Buffer(uint32_t view_stride) : stride(view_stride) {}

    std::size_t size() const { return bytes.size() / stride; }
    std::byte *at(std::size_t number) { return bytes.data() + number * stride; }
    // Copies a block's view in, cut to this buffer's stride: a narrower view is a whole view
    // of the older ABI it was cut for, and says so in its struct_size.
    void copy(std::size_t number, const hpo_trial_view &view) {
        std::memcpy(at(number), &view, stride);
        if (stride < sizeof view) std::memcpy(at(number), &stride, sizeof stride);
    }

    const uint32_t stride;
    std::vector<std::byte> bytes;
    uint64_t synced = 0;      // the log position it has caught up to
    uint64_t generation = 0;  // of the blocks it was built from
    bool leased = false;
    std::vector<int64_t> overridden;  // entries its last reader pointed elsewhere
};

std::shared_ptr<const TrialBlock> TrialBlock::build(const TrialRecord &trial, std::size_t n_params) {
    auto block = std::make_shared<TrialBlock>();
    const bool has_values = trial.state == HPO_TRIAL_COMPLETE && !trial.values.empty();
    const std::size_t n_values = has_values ? trial.values.size() : 0;
    const std::size_t n_steps = trial.steps.size();
    const std::size_t n_constraints = trial.constraints.size();
    block->numbers = std::make_unique<double[]>(n_params + n_values + n_steps + n_constraints);
    double *params = block->numbers.get();
    std::fill(params, params + n_params, std::numeric_limits<double>::quiet_NaN());
    std::copy_n(trial.params.begin(), std::min(n_params, trial.params.size()), params);
    std::copy(trial.values.begin(), trial.values.begin() + static_cast<std::ptrdiff_t>(n_values), params + n_params);
    std::copy(trial.intermediate.begin(), trial.intermediate.end(), params + n_params + n_values);
    double *constraints = params + n_params + n_values + n_steps;
    std::copy(trial.constraints.begin(), trial.constraints.end(), constraints);
    if (n_steps > 0) {
        block->steps = std::make_unique<int64_t[]>(n_steps);
        std::copy(trial.steps.begin(), trial.steps.end(), block->steps.get());
    }
    block->system_attrs = trial.system_attrs_text;

    hpo_trial_view &view = block->view;
    view.struct_size = sizeof(hpo_trial_view);
    view.id = trial.id;
    view.number = trial.number;
    view.state = trial.state;
    view.params = params;
    view.values = has_values ? params + n_params : nullptr;
    view.n_intermediate = static_cast<int64_t>(n_steps);
    view.intermediate_steps = block->steps.get();
    view.intermediate_values = params + n_params + n_values;
    view.system_attrs_json = block->system_attrs.c_str();
    view.n_constraints = static_cast<int32_t>(n_constraints);
    view.constraints = n_constraints > 0 ? constraints : nullptr;
    return block;
}

// ---------------------------------------------------------------------------------------

TrialViews::Lease::~Lease() {
    if (buffer_ != nullptr) owner_->give_back(buffer_);
}

const hpo_trial_view *TrialViews::Lease::views() const {
    return reinterpret_cast<const hpo_trial_view *>(buffer_->bytes.data());
}

uint32_t TrialViews::Lease::stride() const { return buffer_->stride; }

int64_t TrialViews::Lease::n_trials() const { return static_cast<int64_t>(buffer_->size()); }

void TrialViews::Lease::override_params(int64_t number, const double *params) {
    std::memcpy(buffer_->at(static_cast<std::size_t>(number)) + offsetof(hpo_trial_view, params), &params,
                sizeof params);
    buffer_->overridden.push_back(number);
}

// ---------------------------------------------------------------------------------------

TrialViews::TrialViews() = default;
TrialViews::~TrialViews() = default;

void TrialViews::changed(int64_t number) {
    std::lock_guard lock(mutex_);
    const auto at = static_cast<std::size_t>(number);
    if (at >= blocks_.size()) return;  // a trial not yet seen is built at the next lease anyway
    if (is_stale_.size() <= at) is_stale_.resize(at + 1, false);
    if (is_stale_[at]) return;
    is_stale_[at] = true;
    stale_.push_back(number);
}

void TrialViews::changed_all() {
    std::lock_guard lock(mutex_);
    all_stale_ = true;
}

TrialViews::Lease TrialViews::lease(const std::deque<TrialRecord> &trials, std::size_t n_params, uint32_t stride) {
    std::lock_guard lock(mutex_);
    rebuild_stale_locked(trials, n_params);
    Buffer &buffer = free_buffer_locked(stride);
    catch_up_locked(buffer, trials.size());
    buffer.leased = true;
    collect_locked();
    return Lease(this, &buffer);
}

void TrialViews::give_back(Buffer *buffer) {
    std::lock_guard lock(mutex_);
    buffer->leased = false;
    collect_locked();
}

void TrialViews::rebuild_stale_locked(const std::deque<TrialRecord> &trials, std::size_t n_params) {
    if (all_stale_) {
        all_stale_ = false;
        ++generation_;
        for (auto &block : blocks_) retire_locked(std::move(block));
        blocks_.clear();
        stale_.clear();
        is_stale_.clear();
        log_.clear();
        log_start_ = log_end();
    }
    // The list may have lost its last trial (a proposal that never became one).
    while (blocks_.size() > trials.size()) {
        retire_locked(std::move(blocks_.back()));
        blocks_.pop_back();
    }
    is_stale_.resize(trials.size(), false);
    stale_.erase(std::remove_if(stale_.begin(), stale_.end(),
                                [&](int64_t number) { return static_cast<std::size_t>(number) >= trials.size(); }),
                 stale_.end());
    // Trials never seen are stale too (a storage may fill a gap in the numbers later).
    for (std::size_t number = blocks_.size(); number < trials.size(); ++number) {
        if (is_stale_[number]) continue;
        is_stale_[number] = true;
        stale_.push_back(static_cast<int64_t>(number));
    }
    blocks_.resize(trials.size());
    for (const int64_t number : stale_) {
        const auto at = static_cast<std::size_t>(number);
        retire_locked(std::move(blocks_[at]));
        blocks_[at] = TrialBlock::build(trials[at], n_params);
        log_.push_back(number);
        is_stale_[at] = false;
    }
    stale_.clear();
}

TrialViews::Buffer &TrialViews::free_buffer_locked(uint32_t stride) {
    // The free buffer that is furthest along has the least to catch up on.
    Buffer *best = nullptr;
    for (auto &buffer : pool_) {
        if (buffer->leased || buffer->stride != stride) continue;
        if (best == nullptr || buffer->synced > best->synced) best = buffer.get();
    }
    if (best != nullptr) return *best;
    pool_.push_back(std::make_unique<Buffer>(stride));
    return *pool_.back();
}

void TrialViews::catch_up_locked(Buffer &buffer, std::size_t n_trials) {
    const uint64_t behind = log_end() - buffer.synced;
    const bool whole = buffer.generation != generation_ || buffer.synced < log_start_ || behind > n_trials;
    buffer.bytes.resize(n_trials * buffer.stride);
    if (whole) {
        for (std::size_t i = 0; i < n_trials; ++i) buffer.copy(i, blocks_[i]->view);
    } else {
        for (const int64_t number : buffer.overridden) {
            const auto at = static_cast<std::size_t>(number);
            if (at < n_trials) buffer.copy(at, blocks_[at]->view);
        }
        // Replaying an entry copies the trial's latest block, so entries may repeat.
        for (uint64_t position = buffer.synced; position < log_end(); ++position) {
            const auto number = static_cast<std::size_t>(log_[position - log_start_]);
            if (number < n_trials) buffer.copy(number, blocks_[number]->view);
        }
    }
    buffer.overridden.clear();
    buffer.synced = log_end();
    buffer.generation = generation_;
}

void TrialViews::retire_locked(std::shared_ptr<const TrialBlock> block) {
    if (block) retired_.emplace_back(log_end(), std::move(block));
}

void TrialViews::collect_locked() {
    // A leased buffer synced at position s may point into any block replaced at s or later.
    uint64_t oldest_leased = std::numeric_limits<uint64_t>::max();
    for (const auto &buffer : pool_) {
        if (buffer->leased) oldest_leased = std::min(oldest_leased, buffer->synced);
    }
    while (!retired_.empty() && retired_.front().first < oldest_leased) retired_.pop_front();
    // The log is kept back to the oldest buffer that will replay it rather than be rebuilt.
    uint64_t keep_from = log_end();
    for (const auto &buffer : pool_) {
        const bool replays = buffer->generation == generation_ && buffer->synced >= log_start_ &&
                             log_end() - buffer->synced <= buffer->size();
        if (replays) keep_from = std::min(keep_from, buffer->synced);
    }
    while (log_start_ < keep_from) {
        log_.pop_front();
        ++log_start_;
    }
}

}  // namespace hpo
