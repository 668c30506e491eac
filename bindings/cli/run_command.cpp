// `hpo run STUDY.json`: runs the study a file describes, prints progress and the best trial.
#include "arguments.hpp"
#include "commands.hpp"
#include "progress.hpp"
#include "report.hpp"
#include "resume_check.hpp"
#include "study_file.hpp"

#include <chrono>
#include <csignal>
#include <future>
#include <iomanip>
#include <iostream>
#include <sstream>

#include <unistd.h>  // isatty: the bar only on a terminal

namespace hpo::cli {
namespace {

const char *const run_usage = R"(usage: hpo run STUDY.json [options]

The study file: {"study": {...}, "objective": {"name": ..., "options": {...}}, "optimize": {...}}
(study: as hpo_study_create takes it; optimize: n_trials, timeout, n_jobs, runner, catch).

Options (each overrides the file):
  --n-trials N        number of trials
  --n-jobs N          trials evaluated at once
  --seed S            the study's seed
  --max-trials N      the study-wide trial budget (the study's "max_trials"): every
                      worker on the stored study together starts no more than N trials
  --storage URL       where trials are kept ("sqlite:///study.db", "journal:///study.log",
                      ...); the study of the file's name is resumed there when it
                      exists (load_if_exists), unless the file's "study" sets
                      "load_if_exists": false
  --resume-anyway     resume the stored study even when its objective or space
                      differs from the file's (refused otherwise, exit status 2)
  --plugin-path DIR   one more folder to search for plugins (repeatable)
  --json              print the outcome as JSON on stdout
  --quiet             no progress on stderr (a bar redrawn in place on a terminal, lines otherwise)
Ctrl-C starts no more trials and reports what has finished. Exit status 2 for a file
that is missing, malformed or refused by the engine (checked in memory before the storage is
opened), 1 when the run fails or no trial completes.
)";

volatile std::sig_atomic_t interrupted = 0;

extern "C" {
static void on_interrupt(int) { interrupted = 1; }
}

void apply_overrides(const Arguments &arguments, StudyFile &file) {
    int64_t n = 0;
    if (arguments.integer("--n-trials", 1, n)) file.optimize["n_trials"] = n;
    if (arguments.integer("--n-jobs", 1, n)) file.optimize["n_jobs"] = n;
    if (arguments.integer("--seed", 0, n)) file.study["seed"] = n;
    if (arguments.integer("--max-trials", 1, n)) file.study["max_trials"] = n;
    if (arguments.has("--storage")) {
        file.study["storage"] = arguments.values("--storage").back();
        // Running the same file twice continues its study, unless the file asks otherwise.
        if (!file.study.contains("load_if_exists")) file.study["load_if_exists"] = true;
    }
}

// Runs the study on a second thread; this one polls for progress and turns Ctrl-C into
// hpo_study_stop (a signal handler may not call into the library itself).
void optimize_with_progress(Study &study, const StudyFile &file, ProgressPrinter *progress) {
    const std::string objective = file.objective.dump(), options = file.optimize.dump();
    auto run = std::async(std::launch::async, [&] { study.optimize_plugin(objective, options); });
    interrupted = 0;
    std::signal(SIGINT, on_interrupt);
    bool stopping = false;
    while (run.wait_for(std::chrono::milliseconds(200)) != std::future_status::ready) {
        if (interrupted && !stopping) {
            stopping = true;
            std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C ends the process at once
            std::cerr << "interrupted: waiting for the running trials to finish" << std::endl;
            study.stop();
        }
        if (progress) progress->poll();
    }
    std::signal(SIGINT, SIG_DFL);
    if (progress) progress->poll();
    if (progress) progress->finish();
    run.get();  // rethrows the run's error
}

// "Known optimum 0.397887: regret 0.0058" when the objective plugin knows its optimum.
std::string format_regret(const nlohmann::ordered_json &info, const nlohmann::ordered_json &best) {
    const auto objective = info.value("objective", nlohmann::ordered_json::object());
    const auto optimum = objective.value("optimum", nlohmann::ordered_json::array());
    if (optimum.size() != 1 || !optimum[0].is_number() || !best["values"].is_array()) return {};
    const double known = optimum[0].get<double>();
    std::ostringstream out;
    out << "Known optimum " << known << ": regret " << best["values"][0].get<double>() - known << "\n";
    return out.str();
}

// Prints the outcome; returns the exit status: 1 when no trial completed.
int report_outcome(Study &study, bool several_objectives, bool as_json, double seconds) {
    const auto info = nlohmann::ordered_json::parse(study.info_json());
    const auto trials = nlohmann::ordered_json::parse(study.trials_json());
    const auto best = best_trials(study, several_objectives);
    const auto counts = count_states(trials);
    if (as_json) {
        nlohmann::ordered_json out = {{"study", info}, {"elapsed_seconds", seconds}, {"states", counts}};
        if (several_objectives) {
            out["best_trials"] = best;
        } else {
            out["best_trial"] = best.empty() ? nlohmann::ordered_json() : best[0];
        }
        std::cout << out.dump(2) << std::endl;
    } else {
        std::ostringstream elapsed;
        elapsed << std::fixed << std::setprecision(2) << seconds;
        std::cout << "Study " << info.value("name", std::string()) << ": " << trials.size() << " trials in "
                  << elapsed.str() << " s (" << describe_counts(counts) << ")\n";
        std::cout << format_best(best, several_objectives);
        if (!several_objectives && !best.empty()) std::cout << format_regret(info, best[0]);
    }
    if (!best.empty()) return 0;
    std::string reason;
    for (const auto &trial : trials) {
        if (trial.at("state") == "FAIL") {
            reason = "; trial #" + trial.at("number").dump() + " failed: " + trial.value("message", std::string());
            break;
        }
    }
    std::cerr << "hpo run: no trial completed" << reason << std::endl;
    return 1;
}

}  // namespace

int run_command(const std::vector<std::string> &args) {
    const Arguments arguments({"hpo run", {"--n-trials", "--n-jobs", "--seed", "--max-trials", "--storage", "--plugin-path"},
                               {"--json", "--quiet", "--resume-anyway", "--help"}},
                              args);
    if (arguments.has("--help")) {
        std::cout << run_usage;
        return 0;
    }
    if (arguments.positionals().size() != 1) throw UsageError("expects one study file (see hpo run --help)");
    StudyFile file = load_study_file(arguments.positionals().front());
    apply_overrides(arguments, file);
    Engine engine = make_engine(arguments.values("--plugin-path"));
    try {
        // Tried in memory first, so that a file the engine refuses is reported before any
        // storage is created or resumed.
        const auto planned = planned_study(engine, file);
        if (!arguments.has("--resume-anyway")) refuse_to_resume_another_study(engine, file, planned);
        // The stored study holds the objective's space from its creation on, so a process
        // started beside this one compares against all of it, not a study half set up.
        nlohmann::ordered_json config = file.study;
        config["space"] = planned.at("space");
        Study study(engine, config.dump());
        const bool several_objectives = has_several_objectives(nlohmann::ordered_json::parse(study.info_json()));
        // The bar's budget; an n_trials that is no integer is the engine's to refuse, by name.
        const auto n_trials = file.optimize.find("n_trials");
        const int64_t budget = n_trials != file.optimize.end() && n_trials->is_number_integer() ? n_trials->get<int64_t>() : 0;
        ProgressPrinter progress(study, several_objectives, std::cerr, isatty(STDERR_FILENO) != 0, budget);
        const auto start = std::chrono::steady_clock::now();
        optimize_with_progress(study, file, arguments.has("--quiet") ? nullptr : &progress);
        const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
        return report_outcome(study, several_objectives, arguments.has("--json"), elapsed.count());
    } catch (const Error &error) {
        // HPO_EINVAL is the engine refusing what the file says (a bad range, an unknown
        // option, directions other than the stored study's): bad input, not a failed run.
        if (error.status() == HPO_EINVAL) throw UsageError(file.path + ": " + error.what());
        throw Error(error.status(), file.path + ": " + error.what());
    }
}

}  // namespace hpo::cli
