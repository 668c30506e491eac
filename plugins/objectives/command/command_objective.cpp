#include "command_objective.hpp"

#include "trial_inputs.hpp"

#include <hpo_kit/child_process.hpp>
#include <trial_api_error.hpp>

#include <fstream>
#include <stdexcept>

namespace hpo::command {
namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

std::vector<std::string> strings_of(const json &array, const std::string &option) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < array.size(); ++i) {
        if (!array[i].is_string()) {
            throw std::invalid_argument("option \"" + option + "\"[" + std::to_string(i) + "] must be a string, got " +
                                        array[i].dump());
        }
        out.push_back(array[i].get<std::string>());
    }
    return out;
}

std::chrono::milliseconds milliseconds(double seconds) {
    return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000.0));
}

json trial_params(const hpo_trial_api &api, hpo_trial_ref *trial, const plugin_kit::Host &host) {
    if (!HPO_HAS_FIELD(&api, hpo_trial_api, params_json) || api.params_json == nullptr) {
        throw std::runtime_error("the engine's trial API has no params_json (ABI 1.1 is required)");
    }
    char *text = nullptr;
    objectives::check_trial_api(api.params_json(trial, &text), "params_json");
    return json::parse(host.take(text));
}

std::vector<int> trial_devices(const hpo_trial_api &api, const hpo_trial_ref *trial) {
    if (!HPO_HAS_FIELD(&api, hpo_trial_api, devices) || api.devices == nullptr) return {};
    int32_t n = 0;
    objectives::check_trial_api(api.devices(trial, nullptr, 0, &n), "devices");
    std::vector<int32_t> devices(static_cast<std::size_t>(n));
    if (n > 0) objectives::check_trial_api(api.devices(trial, devices.data(), n, &n), "devices");
    return {devices.begin(), devices.end()};
}

}  // namespace

CommandObjective::CommandObjective(const plugin_kit::Options &options, const plugin_kit::Host &host)
    : argv_(strings_of(options.array("argv"), "argv")),
      trials_dir_(options.string("trials_dir")),
      result_fields_(strings_of(options.array("result_fields"), "result_fields")),
      lines_(options.string("report_pattern"),
             options.has("result_pattern") ? std::optional(options.string("result_pattern")) : std::nullopt),
      grace_(milliseconds(options.number("grace_period"))),
      stderr_lines_(static_cast<std::size_t>(options.integer("stderr_lines"))),
      host_(host) {
    if (argv_.empty()) throw std::invalid_argument("option \"argv\" must name a program to run, got []");
    check_template(argv_);
    if (options.has("space")) space_ = options.object("space");
    if (options.has("result_file")) result_file_ = options.string("result_file");
    if (options.has("timeout")) timeout_ = milliseconds(options.number("timeout"));
    if (result_file_ && options.has("result_pattern")) {
        throw std::invalid_argument("options \"result_pattern\" and \"result_file\" are two sources of one "
                                    "result: give one");
    }
}

std::string CommandObjective::describe() const {
    return space_ ? json{{"space", *space_}}.dump() : "{}";
}

int32_t CommandObjective::evaluate(const hpo_trial_api &api, hpo_trial_ref *trial, std::span<double> values) const {
    const int64_t number = api.number(trial);
    const json params = trial_params(api, trial, host_);
    const std::filesystem::path dir = std::filesystem::absolute(trials_dir_ / ("trial-" + std::to_string(number)));
    std::filesystem::create_directories(dir);
    const auto params_file = dir / "params.json", stdout_file = dir / "stdout.log", stderr_file = dir / "stderr.log";
    std::ofstream(params_file) << params.dump(2) << '\n';
    std::filesystem::remove(stderr_file);  // a trial folder left by an earlier study of that name

    Placeholders placeholders{{"params_file", params_file.string()},
                              {"trial_dir", dir.string()},
                              {"trial_number", std::to_string(number)},
                              {"launch_dir", std::filesystem::current_path().string()}};
    for (const auto &[name, value] : params.items()) placeholders[name] = parameter_text(value);
    plugin_kit::SpawnRequest request{expand_argv(argv_, placeholders),
                                     trial_environment(plugin_kit::current_environment(), params, placeholders,
                                                       trial_devices(api, trial)),
                                     dir.string(), stderr_file.string(), {}, {},
                                     &plugin_kit::ChildGuard::shared()};
    if (api.set_user_attr != nullptr) {
        objectives::check_trial_api(api.set_user_attr(trial, "trial_dir", json(dir.string()).dump().c_str()),
                                    "set_user_attr");
    }

    plugin_kit::ChildProcess child(request);
    std::ofstream stdout_log(stdout_file);
    plugin_kit::LineReader reader(child.stdout_fd());
    std::optional<Clock::time_point> deadline;
    if (timeout_) deadline = Clock::now() + *timeout_;
    std::optional<std::vector<double>> result;
    const auto failure = [&](const std::string &what) {
        const std::string tail = plugin_kit::last_lines(stderr_file, stderr_lines_);
        return std::runtime_error("\"" + argv_[0] + "\" " + what +
                                  (tail.empty() ? std::string() : "; last lines of stderr:\n" + tail));
    };
    std::string line;
    for (;;) {
        const auto got = reader.next(line, deadline);
        if (got == plugin_kit::LineReader::Result::end) break;
        if (got == plugin_kit::LineReader::Result::timeout) {
            child.terminate(grace_);
            throw failure(plugin_kit::timed_out_after(*timeout_));
        }
        stdout_log << line << '\n';
        if (const auto report = lines_.report(line)) {
            int32_t prune = 0;
            objectives::check_trial_api(api.report(trial, report->first, report->second, &prune), "report");
            if (prune) {
                stdout_log.flush();
                child.terminate(grace_);
                return HPO_PRUNED;
            }
        } else if (!result_file_) {
            if (auto parsed = lines_.result(line, values.size())) result = std::move(parsed);
        }
    }
    stdout_log.flush();
    const plugin_kit::ExitStatus status = child.wait();
    if (!status.succeeded()) throw failure(status.describe());
    if (result_file_) result = read_result_file(dir / *result_file_, result_fields_, values.size());
    if (!result) {
        throw std::runtime_error("\"" + argv_[0] + "\" printed no result line (" + std::to_string(values.size()) +
                                 " number(s) alone on a line, or a match of result_pattern); its stdout is in " +
                                 stdout_file.string());
    }
    std::copy(result->begin(), result->end(), values.begin());
    return HPO_OK;
}

}  // namespace hpo::command
