// hpo: the command-line front end, over the C API like any other binding.
#include "arguments.hpp"
#include "commands.hpp"
#include "stored_study.hpp"

#include <hpo/hpo.h>

#include <cstdio>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

namespace {

const char *const usage = R"(usage: hpo <command> [options]

Commands:
  plugins [--json] [--plugin-path DIR]...
      List the plugins found (by kind, with the file each came from and their options)
      and the libraries refused, with the reason.
  run STUDY.json [--n-trials N] [--n-jobs N] [--seed S] [--max-trials N] [--storage URL]
                 [--resume-anyway] [--json] [--quiet] [--plugin-path DIR]...
      Run the study a file describes and print the best trial. With --storage, a study
      of the file's name already there is resumed (unless the file sets load_if_exists),
      if its objective and space are the file's (or with --resume-anyway).
  studies --storage URL [--json]
      List the studies a storage holds, with their number of trials and best value.
  trials NAME --storage URL [--state STATE] [--json]
      List a stored study's trials: number, state (with a RUNNING trial's last
      heartbeat), values, duration, parameters.
  best NAME --storage URL [--json]
      Print a stored study's best trial (its Pareto front for several objectives).
  delete NAME --storage URL
      Delete a study and its trials from a storage.
  importance NAME --storage URL [--params A,B] [--objective I] [--seed S] [--json]
      Print how much each parameter matters (fANOVA, as Optuna's default evaluator):
      its share of each objective's variance, largest first.
  report NAME --storage URL -o FILE
      Write one self-contained HTML file of a stored study: its plots and every trial.
  dashboard --storage URL [--port 8080]
      Serve every study of a storage live over HTTP on the loopback address, read-only.

Options:
  --help       this text (or `hpo <command> --help`)
  --version    the versions of this command, of the library and of its ABI

Plugins are searched beside the library, in HPO_PLUGIN_PATH (':'-separated; a folder there
that does not exist is listed as refused), then in each --plugin-path (which must exist).
Exit status: 0 success, 1 the engine failed, 2 bad command line or input file.
)";

void print_version() {
    const uint32_t abi = hpo_abi_version();
    std::printf("hpo %s (library %s, ABI %u.%u)\n", HPO_VERSION, hpo_version(),
                static_cast<unsigned>(HPO_ABI_MAJOR_OF(abi)), static_cast<unsigned>(HPO_ABI_MINOR_OF(abi)));
}

}  // namespace

int main(int argc, char **argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    const std::string command = args.empty() ? "" : args.front();
    const std::vector<std::string> rest(args.empty() ? args.end() : args.begin() + 1, args.end());
    try {
        if (command == "--help" || command == "-h" || command == "help") {
            std::cout << usage << hpo::cli::storage_url_help;
            return 0;
        }
        if (command == "--version") {
            print_version();
            return 0;
        }
        if (command == "plugins") return hpo::cli::plugins_command(rest);
        if (command == "run") return hpo::cli::run_command(rest);
        if (command == "studies") return hpo::cli::studies_command(rest);
        if (command == "trials") return hpo::cli::trials_command(rest);
        if (command == "best") return hpo::cli::best_command(rest);
        if (command == "delete") return hpo::cli::delete_command(rest);
        if (command == "importance") return hpo::cli::importance_command(rest);
        if (command == hpo::cli::probe_plugin_command_name) return hpo::cli::probe_plugin_command(rest);
        if (command == "report") return hpo::cli::report_command(rest);
        if (command == "dashboard") return hpo::cli::dashboard_command(rest);
        std::cerr << "hpo: " << (command.empty() ? "a command is needed" : "unknown command '" + command + "'")
                  << "\n\n" << usage << hpo::cli::storage_url_help;
        return 2;
    } catch (const hpo::cli::UsageError &error) {
        std::cerr << "hpo " << command << ": " << error.what() << "\n";
        return 2;
    } catch (const hpo::Error &error) {
        std::cerr << "hpo " << command << ": " << error.what() << " [" << hpo_status_string(error.status()) << "]\n";
        return 1;
    } catch (const std::exception &error) {
        std::cerr << "hpo " << command << ": " << error.what() << "\n";
        return 1;
    }
}
