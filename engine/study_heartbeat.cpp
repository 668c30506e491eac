// Heartbeats on a shared storage and what becomes of trials whose worker fell silent: this
// process stamps the trials it runs; a worker about to start a trial fails the ones silent
// past the grace period (sync_locked), and those are stopped here if their objective still
// runs, and enqueued again with their parameters when the study retries failed trials.
#include "study.hpp"

#include <unistd.h>

#include <random>

namespace hpo {

std::string worker_name() {
    char host[256] = "host";
    gethostname(host, sizeof host - 1);
    std::random_device device;
    return std::string(host) + ":" + std::to_string(getpid()) + ":" + std::to_string(device() % 100000);
}

void Study::beat_heart() {
    std::lock_guard lock(mutex_);
    for (const int64_t number : table_.running()) {
        const TrialRecord &trial = table_.at(number);
        if (trial.worker != worker_) continue;
        try {
            store_->record_heartbeat(trial, *space_);
        } catch (const Error &) {
            // The trial was ended elsewhere, or the storage is out of reach for now: the next
            // read brings its stored state, and the next beat tries again.
        }
    }
}

void Study::take_lost_trials_locked(const std::vector<int64_t> &ids) {
    for (const int64_t id : ids) {
        const auto number = table_.number_of_id(id);
        if (!number) continue;
        // Its objective may still run here (a stalled worker): it must not record anything.
        stopped_.insert(*number);
        if (!config_.retry_failed) continue;
        const TrialRecord &lost = table_.at(*number);
        TrialRecord retry;
        retry.state = HPO_TRIAL_WAITING;
        retry.params = lost.params;
        retry.fixed_params = lost.fixed_params;
        retry.set_system_attrs({{"retry_of", lost.number}});
        create_locked(std::move(retry));
    }
}

}  // namespace hpo
