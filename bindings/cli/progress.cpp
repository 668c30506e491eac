#include "progress.hpp"

#include "report.hpp"

#include <nlohmann/json.hpp>

namespace hpo::cli {

void ProgressPrinter::poll() {
    if (several_objectives_) {
        poll_front();
    } else {
        poll_best();
    }
}

void ProgressPrinter::poll_best() {
    std::string best_json;
    try {
        best_json = study_.best_trial_json();
    } catch (const Error &error) {
        if (error.status() == HPO_ENOTFOUND) return;  // nothing has completed yet
        throw;
    }
    const auto best = nlohmann::ordered_json::parse(best_json);
    const int64_t number = best.at("number").get<int64_t>();
    if (number == best_number_) return;
    best_number_ = number;
    out_ << "trial " << number << ": value " << format_value(best.at("values").at(0))
         << "  (best so far, " << study_.n_trials() << " trials started)" << std::endl;
}

void ProgressPrinter::poll_front() {
    std::set<int64_t> front;
    for (const auto &trial : nlohmann::ordered_json::parse(study_.best_trials_json())) {
        front.insert(trial.at("number").get<int64_t>());
    }
    if (front == front_) return;
    front_ = std::move(front);
    out_ << "Pareto front: " << front_.size() << " trials  (" << study_.n_trials() << " trials started)"
         << std::endl;
}

}  // namespace hpo::cli
