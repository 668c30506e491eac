// hpo-trial-worker: runs one trial of an objective plugin for the process runner (or the gpu
// runner with isolate "process"), speaking the protocol of worker_protocol.hpp on
// descriptors 3 and 4. Its plugin folders are its own (it is installed beside the plugins)
// and those of HPO_PLUGIN_PATH.
#include "objective_loader.hpp"

#include <memory_cgroup.hpp>
#include <worker_protocol.hpp>

#include <hpo_kit/child_process.hpp>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <cstring>
#include <csignal>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

namespace {

using json = nlohmann::json;
using namespace hpo::runners;

// The trial as the objective sees it: every call a request to the runner.
struct RemoteTrial {
    int64_t number = 0;
    std::vector<int32_t> devices;
    hpo::plugin_kit::LineReader *answers = nullptr;

    static RemoteTrial &of(const hpo_trial_ref *ref) {
        return *const_cast<RemoteTrial *>(reinterpret_cast<const RemoteTrial *>(ref));
    }

    // Sends a request and returns the answer; a failed call's message becomes the error the
    // objective's failure reports, as the engine's trial API does in process.
    json call(const json &request) {
        protocol::write_line(protocol::worker_to_runner_fd, request);
        std::string line;
        if (answers->next(line, std::nullopt) != hpo::plugin_kit::LineReader::Result::line) {
            std::fprintf(stderr, "hpo-trial-worker: the runner went away\n");
            std::_Exit(3);
        }
        json answer = json::parse(line);
        if (answer.value("status", 0) < 0) LoadedObjective::last_error() = answer.value("message", "");
        return answer;
    }
};

char *copy_out(const std::string &text) {
    auto *out = static_cast<char *>(std::malloc(text.size() + 1));
    std::memcpy(out, text.c_str(), text.size() + 1);
    return out;
}

hpo_trial_api remote_api() {
    hpo_trial_api api{};
    api.struct_size = sizeof api;
    api.number = [](const hpo_trial_ref *ref) { return RemoteTrial::of(ref).number; };
    api.suggest = [](hpo_trial_ref *ref, const char *name, const char *distribution, double *out) {
        const json answer = RemoteTrial::of(ref).call(
            {{"call", "suggest"}, {"name", name}, {"distribution", distribution ? json(distribution) : json()}});
        if (answer["status"] >= 0) *out = protocol::decode_number(answer["value"]);
        return answer["status"].get<int32_t>();
    };
    api.param_json = [](hpo_trial_ref *ref, const char *name, char **out) {
        const json answer = RemoteTrial::of(ref).call({{"call", "param_json"}, {"name", name}});
        if (answer["status"] >= 0) *out = copy_out(answer["json"].get<std::string>());
        return answer["status"].get<int32_t>();
    };
    api.report = [](hpo_trial_ref *ref, int64_t step, double value, int32_t *out_prune) {
        const json answer = RemoteTrial::of(ref).call(
            {{"call", "report"}, {"step", step}, {"value", protocol::encode_number(value)}});
        if (answer["status"] >= 0 && out_prune != nullptr) *out_prune = answer["prune"].get<bool>() ? 1 : 0;
        return answer["status"].get<int32_t>();
    };
    api.set_user_attr = [](hpo_trial_ref *ref, const char *key, const char *value_json) {
        return RemoteTrial::of(ref)
            .call({{"call", "set_user_attr"}, {"key", key}, {"value", value_json}})["status"]
            .get<int32_t>();
    };
    api.device = [](const hpo_trial_ref *ref) {
        const auto &devices = RemoteTrial::of(ref).devices;
        return devices.empty() ? int32_t{-1} : devices.front();
    };
    api.params_json = [](hpo_trial_ref *ref, char **out) {
        const json answer = RemoteTrial::of(ref).call({{"call", "params_json"}});
        if (answer["status"] >= 0) *out = copy_out(answer["json"].get<std::string>());
        return answer["status"].get<int32_t>();
    };
    api.set_constraints = [](hpo_trial_ref *ref, const double *values, int32_t n) {
        const std::vector<double> copied(values, values + (values != nullptr && n > 0 ? n : 0));
        return RemoteTrial::of(ref)
            .call({{"call", "set_constraints"}, {"values", protocol::encode_numbers(copied)}})["status"]
            .get<int32_t>();
    };
    api.devices = [](const hpo_trial_ref *ref, int32_t *out, int32_t capacity, int32_t *out_n) {
        const auto &devices = RemoteTrial::of(ref).devices;
        *out_n = static_cast<int32_t>(devices.size());
        for (int32_t i = 0; i < capacity && i < *out_n; ++i) out[i] = devices[static_cast<std::size_t>(i)];
        return int32_t{HPO_OK};
    };
    return api;
}

std::vector<std::filesystem::path> plugin_folders(const char *self) {
    std::vector<std::filesystem::path> folders;
    std::error_code error;
    const auto executable = std::filesystem::read_symlink("/proc/self/exe", error);
    folders.push_back(error ? std::filesystem::path(self).parent_path() : executable.parent_path());
    const char *path = std::getenv("HPO_PLUGIN_PATH");
    std::string text = path != nullptr ? path : "";
    for (std::size_t start = 0; start <= text.size();) {
        const auto end = std::min(text.find(':', start), text.size());
        if (end > start) folders.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return folders;
}

// Runs the trial the runner described; the outcome as the finish line says it.
json run_trial(const json &request, const std::vector<std::filesystem::path> &folders,
               hpo::plugin_kit::LineReader &answers) {
    const bool in_cgroup = request.contains("cgroup") && request["cgroup"].is_string();
    const bool address_limit = !in_cgroup && request.contains("memory_limit") && request["memory_limit"].is_number();
    if (address_limit) {
        const auto limit = request["memory_limit"].get<rlim_t>();
        const rlimit bounds{limit, limit};
        setrlimit(RLIMIT_AS, &bounds);
    }
    const json &objective = request["objective"];
    const auto n_values = request["n_values"].get<int32_t>();
    std::vector<double> values(static_cast<std::size_t>(n_values), 0.0);
    int32_t status;
    try {
        // Before the objective is loaded, so that all it uses counts, and what it starts joins too.
        if (in_cgroup) join_cgroup(request["cgroup"].get<std::string>());
        LoadedObjective loaded(folders, objective["name"].get<std::string>(), objective["options"].dump(),
                               request["seed"].get<uint64_t>());
        RemoteTrial trial{request["number"].get<int64_t>(), request["devices"].get<std::vector<int32_t>>(), &answers};
        const hpo_trial_api api = remote_api();
        status = loaded.evaluate(api, reinterpret_cast<hpo_trial_ref *>(&trial), values.data(), n_values);
    } catch (const std::bad_alloc &) {
        status = HPO_ENOMEM;
        LoadedObjective::last_error() = "out of memory";
    } catch (const std::exception &error) {
        status = HPO_EPLUGIN;
        LoadedObjective::last_error() = error.what();
    }
    std::string message = status < 0 ? LoadedObjective::last_error() : "";
    if (status == HPO_ENOMEM && address_limit) {
        message += " (memory_limit " + std::to_string(request["memory_limit"].get<uint64_t>() >> 20) +
                   " MiB of address space, by RLIMIT_AS)";
    }
    return {{"call", "finish"}, {"status", status}, {"values", protocol::encode_numbers(values)}, {"message", message}};
}

}  // namespace

int main(int, char **argv) {
    // A runner killed outright (SIGKILL, a crash) takes its workers with it rather than
    // leaving a hung trial running for ever. The signal follows the thread that started
    // this worker, which the runner keeps until the trial ends.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() == 1) return 3;  // the runner was gone before the line above
    hpo::plugin_kit::LineReader answers(protocol::runner_to_worker_fd);
    std::string line;
    if (answers.next(line, std::nullopt) != hpo::plugin_kit::LineReader::Result::line) {
        std::fprintf(stderr, "hpo-trial-worker: started by the process runner only (no trial on descriptor 3)\n");
        return 2;
    }
    const json finish = run_trial(json::parse(line), plugin_folders(argv[0]), answers);
    protocol::write_line(protocol::worker_to_runner_fd, finish);
    return 0;
}
