#include "arguments.hpp"

#include <cerrno>
#include <cstdlib>

namespace hpo::cli {

Arguments::Arguments(const ArgumentSpec &spec, const std::vector<std::string> &args) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &arg = args[i];
        // A short flag ("-o") is one only where the command lists it: "-3" stays a value.
        const bool short_flag = spec.value_flags.count(arg) != 0 || spec.switches.count(arg) != 0;
        if (!short_flag && (arg.size() < 2 || arg.compare(0, 2, "--") != 0)) {
            positionals_.push_back(arg);
            continue;
        }
        const std::size_t equals = arg.find('=');
        const std::string flag = arg.substr(0, equals);
        if (spec.switches.count(flag) != 0 && equals == std::string::npos) {
            switches_.insert(flag);
        } else if (spec.value_flags.count(flag) != 0) {
            if (equals != std::string::npos) {
                values_[flag].push_back(arg.substr(equals + 1));
            } else if (i + 1 < args.size()) {
                values_[flag].push_back(args[++i]);
            } else {
                throw UsageError("option " + flag + " needs a value");
            }
        } else {
            throw UsageError("unknown option '" + arg + "' (see " + spec.command + " --help)");
        }
    }
}

bool Arguments::has(const std::string &flag) const {
    return switches_.count(flag) != 0 || values_.count(flag) != 0;
}

std::vector<std::string> Arguments::values(const std::string &flag) const {
    auto found = values_.find(flag);
    return found == values_.end() ? std::vector<std::string>{} : found->second;
}

bool Arguments::integer(const std::string &flag, int64_t min, int64_t &out) const {
    auto found = values_.find(flag);
    if (found == values_.end()) return false;
    // The last occurrence wins, as in most command-line tools.
    const std::string &text = found->second.back();
    char *end = nullptr;
    errno = 0;
    const long long value = std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || errno == ERANGE || value < min) {
        throw UsageError("option " + flag + " expects an integer of at least " +
                         std::to_string(min) + ", got '" + text + "'");
    }
    out = value;
    return true;
}

}  // namespace hpo::cli
