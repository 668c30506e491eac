// Timeline: each trial as a bar from its start to its end, on the row of the worker slot that
// ran it, coloured by state, so idle workers and GPUs show as gaps. A worker's slots are
// found by packing its trials into as few rows as never overlap (one per thread or device
// it ran at once). A running trial's bar reaches the latest time the study records.
#include "figure_parts.hpp"
#include "figures.hpp"

#include <algorithm>
#include <map>

namespace hpo::figures {
namespace {

const std::map<std::string, const char *> state_colors = {
    {"COMPLETE", "#1f77b4"}, {"PRUNED", "#ff7f0e"}, {"FAIL", "#d62728"}, {"RUNNING", "#2ca02c"}};

struct Bar {
    const TrialPoint *trial;
    double start, end;
    std::string row;
};

// The bars, by start, each on its worker's first slot free by then.
std::vector<Bar> place(const std::vector<const TrialPoint *> &trials) {
    double latest = 0;
    for (const TrialPoint *trial : trials) latest = std::max({latest, *trial->start, trial->end.value_or(0)});
    std::vector<Bar> bars;
    for (const TrialPoint *trial : trials) bars.push_back({trial, *trial->start, trial->end.value_or(latest), ""});
    std::stable_sort(bars.begin(), bars.end(), [](const Bar &a, const Bar &b) { return a.start < b.start; });
    std::map<std::string, std::size_t> worker_index;
    std::map<std::string, std::vector<double>> slot_ends;  // per worker: when each slot is free
    for (Bar &bar : bars) {
        const std::string &worker = bar.trial->worker;
        worker_index.emplace(worker, worker_index.size() + 1);
        auto &ends = slot_ends[worker];
        auto slot = std::find_if(ends.begin(), ends.end(), [&](double end) { return end <= bar.start; });
        if (slot == ends.end()) slot = ends.insert(ends.end(), 0.0);
        *slot = bar.end;
        bar.row = "worker " + std::to_string(worker_index[worker]) + " slot " + std::to_string(slot - ends.begin() + 1);
    }
    return bars;
}

}  // namespace

json timeline_figure(const FigureStudy &study, const json &options) {
    const FigureOptions read(options, "timeline", {"max_points"});
    std::vector<const TrialPoint *> started;
    for (const auto &trial : study.trials) {
        if (trial.start) started.push_back(&trial);
    }
    std::string note;
    const auto bars = place(sample(started, read.max_points(5000), note));
    std::map<std::string, json> traces;  // by state
    for (const Bar &bar : bars) {
        const std::string &state = bar.trial->state;
        json &trace = traces[state];
        if (trace.is_null()) {
            const auto color = state_colors.find(state);
            trace = {{"type", "bar"}, {"orientation", "h"}, {"name", state}, {"x", json::array()}, {"y", json::array()},
                     {"base", json::array()}, {"text", json::array()}, {"textposition", "none"},
                     {"marker", {{"color", color == state_colors.end() ? "#7f7f7f" : color->second}}},
                     {"hovertemplate", "%{text}<extra></extra>"}};
        }
        trace["x"].push_back((bar.end - bar.start) * 1000.0);  // milliseconds on a date axis
        trace["y"].push_back(bar.row);
        trace["base"].push_back(format_time(bar.start));
        trace["text"].push_back("trial " + std::to_string(bar.trial->number) + " on " +
                                (bar.trial->worker.empty() ? "this process" : bar.trial->worker));
    }
    json data = json::array();
    for (auto &[state, trace] : traces) data.push_back(std::move(trace));
    const json layout = {{"xaxis", {{"type", "date"}, {"title", {{"text", "Time"}}}}},
                         {"yaxis", {{"title", {{"text", "Worker slot"}}}, {"type", "category"}, {"autorange", "reversed"}, {"automargin", true}}},
                         {"barmode", "overlay"}};
    return figure(std::move(data), layout, "Timeline", note);
}

}  // namespace hpo::figures
