// The process runner driven by the engine: trials in worker processes, and each way a worker
// can end (a crash, an exit, a hang, a memory hog) failing its trial alone, with its reason.
#include "process_runner.hpp"

#include <memory_cgroup.hpp>

#include <hpo_kit/child_process.hpp>

#include <hpo/hpo.hpp>

#include <hpo_test/make_plugin.hpp>
#include <hpo_test/test_files.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <variant>

namespace {

using json = nlohmann::json;
using hpo::test::fresh_dir;
using hpo::test::read_text;

// AddressSanitizer reserves terabytes of address space for its shadow memory before main, so
// under it an RLIMIT_AS of a few hundred MiB leaves a worker unable to load anything at all.
// GCC says it sanitizes addresses with a macro, clang through __has_feature.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool address_limits_work = false;
#elif defined(__has_feature)
constexpr bool address_limits_work = !__has_feature(address_sanitizer);
#else
constexpr bool address_limits_work = true;
#endif

// The trials of a study of the unruly objective run by the process runner (or another).
json run_study(const std::string &fate, int n_trials, json runner_options, const std::filesystem::path &logs,
               json study_config = json::object(), const std::string &runner = "process") {
    // The worker finds the test's objective where the engine does.
    setenv("HPO_PLUGIN_PATH", PROCESS_TEST_PLUGIN_DIR, 1);
    if (!address_limits_work) {
        // A sanitized worker would catch its own SIGSEGV and exit 1; let the signal kill it.
        const char *given = std::getenv("ASAN_OPTIONS");
        setenv("ASAN_OPTIONS", (std::string(given ? given : "") + ":handle_segv=0").c_str(), 1);
    }
    hpo::Engine engine;
    if (!study_config.contains("sampler")) study_config["sampler"] = "random";
    study_config["seed"] = 3;
    hpo::Study study(engine, study_config.dump());
    runner_options["logs_dir"] = logs.string();
    study.optimize_plugin(json{{"name", "unruly"}, {"options", {{"fate", fate}}}}.dump(),
                          json{{"n_trials", n_trials}, {"runner", {{"name", runner}, {"options", runner_options}}}}
                              .dump());
    return json::parse(study.trials_json());
}

// Where this machine lets the runner make trial cgroups; none: the cgroup tests are skipped,
// and the one that says why runs instead.
const std::optional<hpo::runners::CgroupParent> cgroup_parent = [] {
    auto found = hpo::runners::find_cgroup_parent();
    auto *parent = std::get_if<hpo::runners::CgroupParent>(&found);
    return parent ? std::optional(*parent) : std::nullopt;
}();

std::string message_of(const json &trial) { return trial.value("message", json()).is_string() ? trial["message"].get<std::string>() : ""; }

}  // namespace

TEST_CASE("trials run in worker processes, n_jobs at once, their output kept per trial") {
    const auto logs = fresh_dir("process-ok");
    const json trials = run_study("ok", 12, {{"n_jobs", 3}}, logs);
    REQUIRE(trials.size() == 12);
    for (const auto &trial : trials) {
        CHECK(trial["state"] == "COMPLETE");
        CHECK(trial["user_attrs"]["pid"] != getpid());
        CHECK(trial["intermediate_values"].size() == 5);
        const auto dir = logs / ("trial-" + std::to_string(trial["number"].get<int>()));
        CHECK(read_text(dir / "worker.stdout") == "training trial " + std::to_string(trial["number"].get<int>()) + "\n");
        CHECK(read_text(dir / "worker.stderr") == "stderr of trial " + std::to_string(trial["number"].get<int>()) + "\n");
    }
}

TEST_CASE("pruning answers cross the process boundary") {
    const auto logs = fresh_dir("process-prune");
    const json trials = run_study(
        "ok", 30, {{"n_jobs", 2}}, logs,
        {{"scheduler", {{"name", "median"}, {"options", {{"n_startup_trials", 3}}}}}});
    int pruned = 0;
    for (const auto &trial : trials) {
        CHECK((trial["state"] == "COMPLETE" || trial["state"] == "PRUNED"));
        if (trial["state"] == "PRUNED") ++pruned;
    }
    CHECK(pruned > 0);
}

TEST_CASE("a crash fails its trial naming the signal, with the worker's last stderr lines") {
    const json trials = run_study("segv", 2, {{"n_jobs", 2}}, fresh_dir("process-segv"));
    for (const auto &trial : trials) {
        CHECK(trial["state"] == "FAIL");
        CHECK(message_of(trial).find("worker killed by signal 11 (SIGSEGV)") == 0);
        CHECK(message_of(trial).find("stderr of trial") != std::string::npos);
    }
}

TEST_CASE("a worker that exits fails its trial with the exit status") {
    const json trials = run_study("exit", 1, json::object(), fresh_dir("process-exit"));
    CHECK(trials[0]["state"] == "FAIL");
    CHECK(message_of(trials[0]).find("worker exited with status 7") == 0);
}

TEST_CASE("a trial past its timeout is stopped and fails") {
    const json trials = run_study("hang", 2, {{"n_jobs", 2}, {"timeout", 0.3}, {"grace_period", 0.1}}, fresh_dir("process-hang"));
    for (const auto &trial : trials) {
        CHECK(trial["state"] == "FAIL");
        CHECK(message_of(trial).find("timed out after 0.3") == 0);
    }
}

TEST_CASE("a trial past its memory limit by RLIMIT_AS fails saying so" * doctest::skip(!address_limits_work)) {
    const json trials =
        run_study("hog", 1, {{"memory_limit", 256}, {"memory_limit_by", "rlimit"}}, fresh_dir("process-hog"));
    CHECK(trials[0]["state"] == "FAIL");
    CHECK(message_of(trials[0]).find("out of memory (memory_limit 256 MiB of address space, by RLIMIT_AS)") == 0);
}

TEST_CASE("a trial past its memory limit in a cgroup is killed by the OOM killer, saying so, and its cgroup removed" *
          doctest::skip(!cgroup_parent.has_value())) {
    MESSAGE("trial cgroups below " << cgroup_parent->path.string() << " (cgroup v" << cgroup_parent->version << ")");
    const json trials =
        run_study("touch", 2, {{"memory_limit", 128}, {"memory_limit_by", "cgroup"}, {"n_jobs", 2}},
                  fresh_dir("process-hog-cgroup"));
    for (const auto &trial : trials) {
        CHECK(trial["state"] == "FAIL");
        CHECK_MESSAGE(message_of(trial).find("exceeded memory_limit 128 MiB (killed by the kernel's OOM killer in "
                                             "cgroup " + cgroup_parent->path.string() + "/hpo-") == 0,
                      message_of(trial));
        CHECK(message_of(trial).find("SIGKILL") != std::string::npos);
    }
    for (const auto &entry : std::filesystem::directory_iterator(cgroup_parent->path)) {
        CHECK_MESSAGE(!entry.path().filename().string().starts_with("hpo-" + std::to_string(getpid()) + "-"),
                      entry.path());
    }
}

TEST_CASE("once its owner is gone, the child guard kills what a watched cgroup holds, group or not, and removes it" *
          doctest::skip(!cgroup_parent.has_value())) {
    const auto cgroup = cgroup_parent->path / ("hpo-guard-test-" + std::to_string(getpid()));
    REQUIRE(std::filesystem::create_directory(cgroup));
    hpo::plugin_kit::SpawnRequest request;
    request.argv = {"sh", "-c", "echo 0 > \"$1/cgroup.procs\" && exec sleep 1000", "sh", cgroup.string()};
    hpo::plugin_kit::ChildProcess inside(request);
    while (!inside.exited() && read_text(cgroup / "cgroup.procs").empty()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    REQUIRE(std::stol(read_text(cgroup / "cgroup.procs")) == inside.pid());

    int ends[2];
    REQUIRE(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, ends) == 0);
    hpo::plugin_kit::SpawnRequest guard_request;
    guard_request.argv = {HPO_CHILD_GUARD_PATH};
    guard_request.inherited_fds = {{ends[1], 3}};
    hpo::plugin_kit::ChildProcess guard(guard_request);
    close(ends[1]);
    const std::string watch = "+" + cgroup.string();
    REQUIRE(send(ends[0], watch.data(), watch.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(watch.size()));
    close(ends[0]);  // as if this process had died
    CHECK(guard.wait().succeeded());
    CHECK(inside.wait().signal == SIGKILL);
    CHECK_FALSE(std::filesystem::exists(cgroup));
}

TEST_CASE("memory_limit_by cgroup is refused, saying why, where no cgroup can be made" * doctest::skip(cgroup_parent.has_value())) {
    MESSAGE("no cgroup: " << std::get<std::string>(hpo::runners::find_cgroup_parent()));
    CHECK_THROWS_WITH_AS(hpo::test::make_plugin<hpo::runners::ProcessRunner>(
                             R"({"memory_limit": 64, "memory_limit_by": "cgroup"})"),
                         doctest::Contains("\"memory_limit_by\" is \"cgroup\", but "), hpo::plugin_kit::InvalidOption);
}

TEST_CASE("isolation: of 200 trials, the one in ten that segfaults, hangs or hogs memory fails alone, saying why" *
          doctest::skip(!address_limits_work)) {
    // The timeout leaves an ordinary trial seconds to start its worker on a loaded machine;
    // the 20 hanging trials cost 20 x 3 s / 4 jobs.
    const json trials = run_study("isolation", 200,
                                  // RLIMIT_AS fails a hog at once; a cgroup's OOM kill can take longer than the
                                  // timeout.
                                  {{"n_jobs", 4}, {"timeout", 3}, {"grace_period", 0.1}, {"memory_limit", 256},
                                   {"memory_limit_by", "rlimit"}},
                                  fresh_dir("process-isolation"));
    REQUIRE(trials.size() == 200);
    std::map<std::string, int> outcomes;
    for (const auto &trial : trials) {
        const int number = trial["number"].get<int>();
        const std::string message = message_of(trial);
        CAPTURE(number);
        CAPTURE(message);
        if (number % 10 == 3) CHECK(message.find("killed by signal 11 (SIGSEGV)") != std::string::npos);
        else if (number % 10 == 6) CHECK(message.find("timed out after 3") == 0);
        else if (number % 10 == 9) CHECK(message.find("out of memory (memory_limit 256 MiB") == 0);
        else CHECK(trial["state"] == "COMPLETE");
        ++outcomes[trial["state"].get<std::string>()];
    }
    CHECK(outcomes["COMPLETE"] == 140);
    CHECK(outcomes["FAIL"] == 60);
}

TEST_CASE("the gpu runner's trials in worker processes: disjoint CUDA_VISIBLE_DEVICES, devices back after crashes "
          "and timeouts") {
    // Each trial locks its device for as long as its worker lives: a device handed on before
    // the last trial's worker was gone would fail the next trial "in use".
    const auto locks = fresh_dir("gpu-process-locks");
    setenv("HPO_TEST_LOCK_DIR", locks.c_str(), 1);
    const json trials = run_study("gpu", 40,
                                  // A timeout that a sanitized worker's start on a loaded machine stays far below
                                  // (at 2 s ordinary trials timed out under the address sanitizer).
                                  {{"isolate", "process"}, {"fake_devices", 4}, {"timeout", 10}, {"grace_period", 0.1}},
                                  fresh_dir("gpu-process"), json::object(), "gpu");
    REQUIRE(trials.size() == 40);
    std::map<std::string, int> trials_per_device;
    for (const auto &trial : trials) {
        const int number = trial["number"].get<int>();
        const std::string message = message_of(trial);
        CAPTURE(number);
        CAPTURE(message);
        CHECK(message.find("in use") == std::string::npos);
        if (number % 10 == 3) CHECK(message.find("killed by signal 11 (SIGSEGV)") != std::string::npos);
        else if (number % 10 == 6) CHECK(message.find("timed out after 10 s") == 0);
        else CHECK(trial["state"] == "COMPLETE");
        const json visible = trial["user_attrs"].value("visible", json());
        REQUIRE(visible.is_string());
        CHECK(trial["user_attrs"]["pid"] != getpid());
        ++trials_per_device[visible.get<std::string>()];
    }
    CHECK(trials_per_device.size() == 4);
    for (const auto &entry : trials_per_device) CHECK_MESSAGE(entry.first.size() == 1, entry.first);
}

TEST_CASE("an objective that is a function of this process is refused clearly") {
    hpo_engine *engine = nullptr;
    hpo_study *study = nullptr;
    REQUIRE(hpo_engine_new(nullptr, &engine) == HPO_OK);
    REQUIRE(hpo_study_create(engine, R"({"sampler": "random"})", &study) == HPO_OK);
    const auto objective = [](hpo_trial *, double *values, size_t, void *) -> int32_t {
        values[0] = 1;
        return HPO_OK;
    };
    CHECK(hpo_study_optimize(study, objective, R"({"n_trials": 2, "runner": "process"})", nullptr) == HPO_ENOTSUP);
    CHECK(std::string(hpo_last_error()).find("a function of this process") != std::string::npos);
    hpo_study_free(study);
    hpo_engine_free(engine);
}

TEST_CASE("options: n_jobs 0 and bad values are refused; the worker is found beside the runner by default") {
    CHECK_THROWS_AS(hpo::test::make_plugin<hpo::runners::ProcessRunner>(R"({"n_jobs": 0})"),
                    hpo::plugin_kit::InvalidOption);
    CHECK_THROWS_AS(hpo::test::make_plugin<hpo::runners::ProcessRunner>(R"({"timeout": -1})"),
                    hpo::plugin_kit::InvalidOption);
    const auto runner = hpo::test::make_plugin<hpo::runners::ProcessRunner>(R"({"memory_limit": 2, "n_jobs": 3})");
    CHECK(runner.n_jobs() == 3);
    CHECK(runner.settings().memory_limit == uint64_t{2} << 20);
    CHECK(runner.settings().worker.filename() == "hpo-trial-worker");
}
