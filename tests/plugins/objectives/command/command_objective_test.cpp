// The command objective running real programs (sh scripts, each given its inputs as argv
// elements, never by text pasted into a script): results, intermediate values, pruning,
// failures with their reasons, kept output, and many trials at once.
#include "command_objective.hpp"

#include <fake_trial.hpp>

#include <hpo_test/make_plugin.hpp>
#include <hpo_test/test_files.hpp>

#include <doctest/doctest.h>

#include <cerrno>
#include <csignal>
#include <thread>
#include <unistd.h>

namespace {

using hpo::command::CommandObjective;
using hpo::test::FakeTrial;
using json = nlohmann::json;
using hpo::test::fresh_dir;
using hpo::test::read_text;

// A command objective whose argv is `sh -c script sh args...`, trial folders under dir.
struct Command {
    Command(const std::filesystem::path &dir, const std::string &script, const std::vector<std::string> &args = {},
            json extra = json::object())
        : objective(make(dir, script, args, std::move(extra))) {}

    static CommandObjective make(const std::filesystem::path &dir, const std::string &script,
                                 const std::vector<std::string> &args, json options) {
        json argv = {"sh", "-c", script, "sh"};
        for (const auto &arg : args) argv.push_back(arg);
        options["argv"] = argv;
        options["trials_dir"] = dir.string();
        options["grace_period"] = 1;
        return hpo::test::make_plugin<CommandObjective>(options.dump());
    }

    int32_t evaluate(FakeTrial &trial, std::vector<double> &values) const {
        const hpo_trial_api api = FakeTrial::api();
        return objective.evaluate(api, trial.ref(), values);
    }
    // The message the trial fails with.
    std::string failure(FakeTrial &trial, std::size_t n_values = 1) const {
        std::vector<double> values(n_values);
        try {
            evaluate(trial, values);
        } catch (const std::exception &error) {
            return error.what();
        }
        FAIL("the trial did not fail");
        return {};
    }

    CommandObjective objective;
};

FakeTrial trial_with(json params, int64_t number = 0) {
    FakeTrial trial;
    trial.params_json = params.dump();
    trial.number = number;
    return trial;
}

bool process_gone(pid_t pid) {
    // A process reparented to an init that does not reap is a zombie: gone as far as running goes.
    if (kill(pid, 0) != 0) return errno == ESRCH;
    const std::string stat = read_text("/proc/" + std::to_string(pid) + "/stat");
    const auto close = stat.rfind(')');
    return close != std::string::npos && stat.size() > close + 2 && stat[close + 2] == 'Z';
}

bool eventually_gone(pid_t pid) {
    for (int i = 0; i < 200 && !process_gone(pid); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return process_gone(pid);
}

}  // namespace

TEST_CASE("the last line of numbers alone is the result, and parameters reach argv untouched") {
    const auto dir = fresh_dir("command-result");
    const Command command(dir, R"(printf '%s' "$1" > arg.txt; echo "epoch 1"; echo 0.75; echo 0.5; echo done)",
                          {"{kernel}"});
    const std::string hostile = "rbf; touch pwned $(touch pwned2) `touch pwned3`";
    FakeTrial trial = trial_with({{"kernel", hostile}}, 3);
    std::vector<double> values(1);
    CHECK(command.evaluate(trial, values) == HPO_OK);
    CHECK(values[0] == 0.5);
    const auto trial_dir = dir / "trial-3";
    CHECK(read_text(trial_dir / "arg.txt") == hostile);
    CHECK_FALSE(std::filesystem::exists(trial_dir / "pwned"));
    CHECK_FALSE(std::filesystem::exists(trial_dir / "pwned2"));
    CHECK_FALSE(std::filesystem::exists(trial_dir / "pwned3"));
    CHECK(trial.user_attrs["trial_dir"] == json(trial_dir.string()).dump());
}

TEST_CASE("parameters in the environment and the params file; the trial folder is the working folder") {
    const auto dir = fresh_dir("command-inputs");
    const Command command(dir, R"(echo "$HPO_PARAM_LR $HPO_PARAM_KERNEL $HPO_TRIAL_NUMBER"; cat "$1"; pwd; echo 1)",
                          {"{params_file}"});
    FakeTrial trial = trial_with({{"lr", 0.01}, {"kernel", "linear"}}, 7);
    std::vector<double> values(1);
    REQUIRE(command.evaluate(trial, values) == HPO_OK);
    const std::string out = read_text(dir / "trial-7" / "stdout.log");
    CHECK(out.find("0.01 linear 7\n") == 0);
    CHECK(json::parse(read_text(dir / "trial-7" / "params.json")) == json{{"lr", 0.01}, {"kernel", "linear"}});
    CHECK(out.find(std::filesystem::canonical(dir / "trial-7").string() + "\n") != std::string::npos);
}

TEST_CASE("CUDA_VISIBLE_DEVICES lists the trial's devices") {
    const auto dir = fresh_dir("command-devices");
    const Command command(dir, R"(echo "devices=$CUDA_VISIBLE_DEVICES"; echo 0)");
    FakeTrial trial = trial_with(json::object());
    trial.devices = {1, 3};
    std::vector<double> values(1);
    REQUIRE(command.evaluate(trial, values) == HPO_OK);
    CHECK(read_text(dir / "trial-0" / "stdout.log").find("devices=1,3\n") == 0);
}

TEST_CASE("several objectives from a pattern or a result file") {
    const auto dir = fresh_dir("command-multi");
    std::vector<double> values(2);
    const Command pattern(dir, "echo 'loss=0.25 acc=0.9'; echo 'loss=0.125 acc=0.95'",
                          {}, {{"result_pattern", R"(^loss=(\S+) acc=(\S+)$)"}});
    FakeTrial first = trial_with(json::object(), 0);
    REQUIRE(pattern.evaluate(first, values) == HPO_OK);
    CHECK(values == std::vector<double>{0.125, 0.95});
    const Command file(dir, R"(echo '{{"loss": 0.5, "acc": 0.75}}' > out.json)", {},
                       {{"result_file", "out.json"}, {"result_fields", {"loss", "acc"}}});
    FakeTrial second = trial_with(json::object(), 1);
    REQUIRE(file.evaluate(second, values) == HPO_OK);
    CHECK(values == std::vector<double>{0.5, 0.75});
}

TEST_CASE("intermediate values are reported as they come, and a pruned program's group is killed") {
    const auto dir = fresh_dir("command-prune");
    // The program starts a helper that would outlive it, then reports one step a tenth of a
    // second, ignoring SIGTERM: only the group's SIGKILL stops both.
    const Command command(dir, R"(trap '' TERM; sleep 1000 & echo $! > helper.pid
                                  i=0; while :; do echo "hpo: step=$i value=$i"; i=$((i+1)); sleep 0.1; done)");
    FakeTrial trial = trial_with(json::object(), 0);
    trial.prune_from_step = 2;
    std::vector<double> values(1);
    CHECK(command.evaluate(trial, values) == HPO_PRUNED);
    CHECK(trial.reports == std::vector<std::pair<int64_t, double>>{{0, 0.0}, {1, 1.0}, {2, 2.0}});
    const auto helper = static_cast<pid_t>(std::stol(read_text(dir / "trial-0" / "helper.pid")));
    CHECK(eventually_gone(helper));
}

TEST_CASE("a non-zero exit fails the trial with the last lines of stderr") {
    const auto dir = fresh_dir("command-exit");
    const Command command(dir, "echo first >&2; echo 'bad learning rate' >&2; echo last >&2; exit 3", {},
                          {{"stderr_lines", 2}});
    FakeTrial trial = trial_with(json::object());
    const std::string message = command.failure(trial);
    CHECK(message.find("\"sh\" exited with status 3; last lines of stderr:\nbad learning rate\nlast") == 0);
    CHECK(read_text(dir / "trial-0" / "stderr.log") == "first\nbad learning rate\nlast\n");
}

TEST_CASE("a crash names its signal") {
    const auto dir = fresh_dir("command-signal");
    const Command command(dir, "echo 'about to crash' >&2; kill -SEGV $$");
    FakeTrial trial = trial_with(json::object());
    const std::string message = command.failure(trial);
    CHECK(message.find("killed by signal 11 (SIGSEGV)") != std::string::npos);
    CHECK(message.find("about to crash") != std::string::npos);
}

TEST_CASE("a program past its timeout is stopped and fails") {
    const auto dir = fresh_dir("command-timeout");
    const Command command(dir, "echo started; sleep 1000", {}, {{"timeout", 0.2}});
    FakeTrial trial = trial_with(json::object());
    CHECK(command.failure(trial).find("timed out after 0.2") != std::string::npos);
    CHECK(read_text(dir / "trial-0" / "stdout.log") == "started\n");
}

TEST_CASE("no result, a program that cannot start, and a bad placeholder fail the trial saying so") {
    const auto dir = fresh_dir("command-no-result");
    FakeTrial trial = trial_with({{"lr", 0.1}});
    CHECK(Command(dir, "echo nothing").failure(trial).find("printed no result line") != std::string::npos);
    CHECK(Command(dir, "echo 1 2").failure(trial).find("printed no result line") != std::string::npos);
    CHECK(Command(dir, "echo 1", {"{lrr}"}).failure(trial).find("{lrr} is not a parameter") != std::string::npos);
    const auto missing = hpo::test::make_plugin<CommandObjective>(
        json{{"argv", {"/nonexistent/train"}}, {"trials_dir", dir.string()}}.dump());
    std::vector<double> values(1);
    const hpo_trial_api api = FakeTrial::api();
    CHECK_THROWS_WITH(missing.evaluate(api, trial.ref(), values),
                      doctest::Contains("cannot start \"/nonexistent/train\""));
}

TEST_CASE("bad options are refused naming the option") {
    const auto make = [](const json &options) { hpo::test::make_plugin<CommandObjective>(options.dump()); };
    CHECK_THROWS_WITH(make(json::object()), doctest::Contains("\"argv\""));
    CHECK_THROWS_WITH(make({{"argv", json::array()}}), doctest::Contains("must name a program"));
    CHECK_THROWS_WITH(make({{"argv", {"prog", 3}}}), doctest::Contains("option \"argv\"[1] must be a string"));
    CHECK_THROWS_WITH(make({{"argv", {"prog", "{x"}}}), doctest::Contains("argv[1]"));
    CHECK_THROWS_WITH(make({{"argv", {"prog"}}, {"result_pattern", "(x)"}, {"result_file", "r.json"}}),
                      doctest::Contains("give one"));
    CHECK_THROWS_WITH(make({{"argv", {"prog"}}, {"report_pattern", "x"}}), doctest::Contains("two groups"));
}

TEST_CASE("describe declares the space the options give") {
    const json space = {{"lr", {{"type", "float"}, {"low", 1e-4}, {"high", 1}}}};
    CHECK(json::parse(hpo::test::make_plugin<CommandObjective>(json{{"argv", {"p"}}, {"space", space}}.dump())
                          .describe()) == json{{"space", space}});
    CHECK(hpo::test::make_plugin<CommandObjective>(R"({"argv": ["p"]})").describe() == "{}");
}

TEST_CASE("one instance runs trials on several threads at once, each in its own folder") {
    const auto dir = fresh_dir("command-threads");
    const Command command(dir, R"(echo "hpo: step=0 value=$1"; sleep 0.05; echo "$1")", {"{x}"});
    constexpr int n_threads = 4, per_thread = 5;
    std::vector<std::thread> threads;
    std::vector<std::vector<double>> results(n_threads * per_thread, std::vector<double>(1));
    std::vector<FakeTrial> trials;
    for (int k = 0; k < n_threads * per_thread; ++k) trials.push_back(trial_with({{"x", k * 0.5}}, k));
    for (int t = 0; t < n_threads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < per_thread; ++i) {
                const int k = t * per_thread + i;
                if (command.evaluate(trials[static_cast<std::size_t>(k)], results[static_cast<std::size_t>(k)]) !=
                    HPO_OK) {
                    results[static_cast<std::size_t>(k)][0] = -1;
                }
            }
        });
    }
    for (auto &thread : threads) thread.join();
    for (int k = 0; k < n_threads * per_thread; ++k) {
        CHECK(results[static_cast<std::size_t>(k)][0] == k * 0.5);
        CHECK(trials[static_cast<std::size_t>(k)].reports == std::vector<std::pair<int64_t, double>>{{0, k * 0.5}});
        CHECK(std::filesystem::exists(dir / ("trial-" + std::to_string(k)) / "stdout.log"));
    }
}
