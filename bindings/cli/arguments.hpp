// Command-line arguments of one subcommand: positionals, --flag VALUE (or --flag=VALUE,
// repeatable; a short -f VALUE where the command lists it) and --switch. Anything else is a
// usage error naming the bad argument.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace hpo::cli {

// Bad command line or bad input file: reported on stderr, exit status 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct ArgumentSpec {
    std::string command;                 // "hpo run", for the hint to its --help
    std::set<std::string> value_flags;   // "--n-trials", ...
    std::set<std::string> switches;      // "--json", ...
};

class Arguments {
public:
    Arguments(const ArgumentSpec &spec, const std::vector<std::string> &args);

    const std::vector<std::string> &positionals() const { return positionals_; }
    bool has(const std::string &flag) const;
    // Every value given to a flag, in order.
    std::vector<std::string> values(const std::string &flag) const;
    // The flag's integer value when given; throws UsageError unless it is an integer >= min.
    bool integer(const std::string &flag, int64_t min, int64_t &out) const;

private:
    std::vector<std::string> positionals_;
    std::map<std::string, std::vector<std::string>> values_;
    std::set<std::string> switches_;
};

}  // namespace hpo::cli
