#include "progress.hpp"

#include "report.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <string>

namespace hpo::cli {

namespace {

// "1:05" or "1:02:05".
std::string format_clock(double seconds) {
    const auto whole = static_cast<int64_t>(seconds + 0.5);
    char text[32];
    if (whole >= 3600) {
        std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", static_cast<long long>(whole / 3600),
                      static_cast<long long>(whole / 60 % 60), static_cast<long long>(whole % 60));
    } else {
        std::snprintf(text, sizeof text, "%lld:%02lld", static_cast<long long>(whole / 60), static_cast<long long>(whole % 60));
    }
    return text;
}

}  // namespace

ProgressPrinter::ProgressPrinter(Study &study, bool several_objectives, std::ostream &out, bool terminal,
                                 int64_t budget)
    : study_(study), several_objectives_(several_objectives), out_(out), terminal_(terminal), budget_(budget),
      first_number_(study.n_trials()) {}

void ProgressPrinter::poll() {
    if (terminal_) {
        draw_bar();
    } else if (several_objectives_) {
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

void ProgressPrinter::draw_bar() {
    int64_t done = 0, running = 0, failed = 0;
    for (const auto &trial : nlohmann::ordered_json::parse(study_.trials_json())) {
        if (trial.at("number").get<int64_t>() < first_number_) continue;
        const std::string state = trial.at("state").get<std::string>();
        running += state == "RUNNING";
        failed += state == "FAIL";
        done += state == "COMPLETE" || state == "PRUNED" || state == "FAIL";
    }
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    std::string line;
    if (budget_ > 0) {
        constexpr int width = 24;
        const auto filled = static_cast<int>(width * std::min<int64_t>(done, budget_) / budget_);
        line = "[" + std::string(filled, '#') + std::string(width - filled, '-') + "] " + std::to_string(done) + "/" +
               std::to_string(budget_) + " trials  " + format_clock(elapsed) + " elapsed";
        if (done > 0 && done < budget_) line += ", " + format_clock(elapsed / done * (budget_ - done)) + " left";
    } else {
        line = std::to_string(done) + " trials  " + format_clock(elapsed) + " elapsed";
    }
    if (several_objectives_) {
        line += "  front " + std::to_string(nlohmann::ordered_json::parse(study_.best_trials_json()).size());
    } else {
        const auto best = best_trials(study_, false);
        if (!best.empty()) line += "  best " + format_value(best[0].at("values").at(0));
    }
    line += "  running " + std::to_string(running) + "  failed " + std::to_string(failed);
    out_ << "\r" << line << "\x1b[K" << std::flush;  // back to the line's start, then clear what was longer
    drawn_ = true;
}

void ProgressPrinter::finish() {
    if (drawn_) out_ << std::endl;
    drawn_ = false;
}

}  // namespace hpo::cli
