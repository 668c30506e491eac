#include "trial_session.hpp"

#include "worker_protocol.hpp"

#include <hpo_kit/child_process.hpp>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <pthread.h>
#include <stdexcept>
#include <unistd.h>

namespace hpo::runners {
namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

// Both ends of a close-on-exec pipe, closed with this object unless released.
struct Pipe {
    int read = -1, write = -1;
    Pipe() {
        int fds[2];
        if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed: " + std::to_string(errno));
        read = fds[0];
        write = fds[1];
    }
    ~Pipe() {
        close_read();
        close_write();
    }
    void close_read() {
        if (read >= 0) close(read);
        read = -1;
    }
    void close_write() {
        if (write >= 0) close(write);
        write = -1;
    }
    Pipe(const Pipe &) = delete;
    Pipe &operator=(const Pipe &) = delete;
};

std::vector<int32_t> devices_of(const hpo_trial_api &api, const hpo_trial_ref *trial) {
    if (!HPO_HAS_FIELD(&api, hpo_trial_api, devices) || api.devices == nullptr) return {};
    int32_t n = 0;
    if (api.devices(trial, nullptr, 0, &n) < 0 || n <= 0) return {};
    std::vector<int32_t> devices(static_cast<std::size_t>(n));
    if (api.devices(trial, devices.data(), n, &n) < 0) return {};
    devices.resize(static_cast<std::size_t>(n));
    return devices;
}

// The answer to one trial API request of the worker, made through the engine's trial API.
json answer(const hpo_trial_api &api, hpo_trial_ref *trial, const plugin_kit::Host &plugin_host, const json &request) {
    const std::string call = request.at("call").get<std::string>();
    json out = json::object();
    int32_t status = HPO_EINVAL;
    if (call == "suggest") {
        double value = 0;
        const json &distribution = request.at("distribution");
        const std::string text = distribution.is_string() ? distribution.get<std::string>() : "";
        status = api.suggest(trial, request.at("name").get<std::string>().c_str(),
                             distribution.is_string() ? text.c_str() : nullptr, &value);
        out["value"] = protocol::encode_number(value);
    } else if (call == "param_json" || call == "params_json") {
        char *text = nullptr;
        status = call == "param_json" ? api.param_json(trial, request.at("name").get<std::string>().c_str(), &text)
                                      : api.params_json(trial, &text);
        out["json"] = plugin_host.take(text);
    } else if (call == "report") {
        int32_t prune = 0;
        status = api.report(trial, request.at("step").get<int64_t>(), protocol::decode_number(request.at("value")),
                            &prune);
        out["prune"] = prune != 0;
    } else if (call == "set_user_attr") {
        status = api.set_user_attr(trial, request.at("key").get<std::string>().c_str(),
                                   request.at("value").get<std::string>().c_str());
    } else if (call == "set_constraints") {
        const auto values = protocol::decode_numbers(request.at("values"));
        status = api.set_constraints(trial, values.data(), static_cast<int32_t>(values.size()));
    } else {
        out["message"] = "the worker made an unknown call \"" + call + "\"";
    }
    out["status"] = status;
    if (status < 0 && !out.contains("message")) out["message"] = "the engine refused " + call;
    return out;
}

}  // namespace

TrialOutcome run_in_worker(const hpo_runner_host &host, const plugin_kit::Host &plugin_host, hpo_trial_ref *trial,
                           const json &run, std::size_t n_values, const WorkerSettings &settings) {
    // A worker that dies while we write to it must not take this process with it (SIGPIPE):
    // the write fails instead, and the worker's exit status tells the trial why.
    sigset_t pipe_signal;
    sigemptyset(&pipe_signal);
    sigaddset(&pipe_signal, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_signal, nullptr);
    const hpo_trial_api &api = *host.trial_api;
    const int64_t number = api.number(trial);
    const auto dir = settings.logs_dir / ("trial-" + std::to_string(number));
    std::filesystem::create_directories(dir);
    const auto stdout_file = dir / "worker.stdout", stderr_file = dir / "worker.stderr";
    std::filesystem::remove(stdout_file);
    std::filesystem::remove(stderr_file);

    const std::vector<int32_t> devices = devices_of(api, trial);
    std::vector<int32_t> visible;  // the child's own numbering of its devices
    std::string cuda_visible;
    for (std::size_t i = 0; i < devices.size(); ++i) {
        visible.push_back(static_cast<int32_t>(i));
        cuda_visible += (i ? "," : "") + std::to_string(devices[i]);
    }
    auto environment = plugin_kit::current_environment();
    if (!devices.empty()) {
        std::erase_if(environment, [](const std::string &entry) { return entry.starts_with("CUDA_VISIBLE_DEVICES="); });
        environment.push_back("CUDA_VISIBLE_DEVICES=" + cuda_visible);
    }

    std::optional<TrialCgroup> cgroup;  // outlives the worker, so that it is removed once the worker is gone
    if (settings.memory_limit && settings.memory_cgroup) {
        cgroup.emplace(*settings.memory_cgroup, "hpo-" + std::to_string(getpid()) + "-trial-" + std::to_string(number),
                       *settings.memory_limit, plugin_kit::ChildGuard::shared());
    }
    Pipe to_worker, from_worker;
    plugin_kit::ChildProcess child({{settings.worker.string()},
                                    environment,
                                    "",
                                    stderr_file.string(),
                                    stdout_file.string(),
                                    {{to_worker.read, protocol::runner_to_worker_fd},
                                     {from_worker.write, protocol::worker_to_runner_fd}},
                                    &plugin_kit::ChildGuard::shared()});
    to_worker.close_read();
    from_worker.close_write();

    json start = {{"objective", run.at("objective")}, {"seed", run.value("seed", uint64_t{0})}, {"number", number},
                  {"devices", visible},          {"n_values", n_values},
                  {"memory_limit", settings.memory_limit ? json(*settings.memory_limit) : json()},
                  {"cgroup", cgroup ? json(cgroup->path().string()) : json()}};
    const auto failure = [&](const std::string &what) {
        const std::string tail = plugin_kit::last_lines(stderr_file, settings.stderr_lines);
        // The worker, or a program it started, killed for the memory it used: the cause of
        // whatever else went wrong.
        const std::string cause = cgroup && cgroup->oom_killed()
                                      ? "exceeded memory_limit " + std::to_string(*settings.memory_limit >> 20) +
                                            " MiB (killed by the kernel's OOM killer in cgroup " +
                                            cgroup->path().string() + "): "
                                      : "";
        return TrialOutcome{HPO_TRIAL_FAIL, {},
                            cause + what + (tail.empty() ? std::string() : "; last lines of stderr:\n" + tail) +
                                " (output in " + dir.string() + ")"};
    };
    std::optional<Clock::time_point> deadline;
    if (settings.timeout) deadline = Clock::now() + *settings.timeout;
    plugin_kit::LineReader requests(from_worker.read);
    try {
        protocol::write_line(to_worker.write, start);
        std::string line;
        for (;;) {
            const auto got = requests.next(line, deadline);
            if (got == plugin_kit::LineReader::Result::timeout) {
                child.terminate(settings.grace);
                return failure(plugin_kit::timed_out_after(*settings.timeout));
            }
            if (got == plugin_kit::LineReader::Result::end) break;
            const json request = json::parse(line);
            if (request.at("call") == "finish") {
                child.wait();
                const auto status = request.at("status").get<int32_t>();
                if (status == HPO_OK) return {HPO_TRIAL_COMPLETE, protocol::decode_numbers(request.at("values")), ""};
                if (status == HPO_PRUNED) return {HPO_TRIAL_PRUNED, {}, ""};
                return failure(request.value("message", std::string("the objective failed")));
            }
            protocol::write_line(to_worker.write, answer(api, trial, plugin_host, request));
        }
    } catch (const std::exception &error) {
        // A worker that garbled the protocol or went away mid-answer: its exit says more.
        if (!child.exited()) child.terminate(settings.grace);
        const auto status = child.wait();
        return failure("worker " + status.describe() + " (" + error.what() + ")");
    }
    return failure("worker " + child.wait().describe() + " before the trial finished");
}

}  // namespace hpo::runners
