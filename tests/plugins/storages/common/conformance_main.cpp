// hpo_storage_conformance: the ABI 1.1 contract of hpo_storage_ops, run against any storage
// library, in-tree or out of it. See usage below.
#include "conformance_case.hpp"

#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

const char *const usage = R"(usage: hpo_storage_conformance --library PATH --url URL [doctest options]

Checks that a storage plugin keeps the contract of hpo_storage_ops (include/hpo/plugin.h,
ABI 1.1): studies by name (HPO_EEXISTS for a taken one, system_attrs merged key by key),
trial numbering, the patch rules, finished trials refused with HPO_ESTATE, claims that
race, reads by revision (read_trials, read_changes), heartbeats by the storage's clock,
constraints and infinities, and several processes sharing one study.

  --library PATH  the storage plugin library (libhpo_<name>.so), loaded with dlopen as the
                  engine loads it; the storage is the one named after the URL's scheme
  --url URL       the storage to test, as a user writes it, query included; {dir} stands for
                  a fresh temporary folder per test case, removed after it:
                    --url 'sqlite:///{dir}/c.db'   --url 'journal:///{dir}/c.log?sync=false'
                    --url 'postgresql://hpo@localhost/hpo_test?sslmode=disable'
                  Without {dir} the cases share the storage: each names its studies uniquely
                  and deletes them when it ends.
  --url-file PATH the URL, read from the first line of a file (a test server's, whose port
                  is chosen when it starts)
HPO_STORAGE_LIBRARY and HPO_STORAGE_URL stand in for options not given.

Any other option goes to doctest: -tc='*claim*' runs matching cases, -ltc lists them, -s
shows successful checks too, --help=doctest lists doctest's own options.
)";

// Takes --library and --url (as "--x value" or "--x=value") out of args.
bool take_option(std::vector<char *> &args, const char *name, std::string &value) {
    const std::string flag = std::string("--") + name;
    for (auto at = args.begin() + 1; at != args.end(); ++at) {
        const std::string arg = *at;
        if (arg == flag && at + 1 != args.end()) {
            value = *(at + 1);
            args.erase(at, at + 2);
            return true;
        }
        if (arg.rfind(flag + "=", 0) == 0) {
            value = arg.substr(flag.size() + 1);
            args.erase(at);
            return true;
        }
    }
    return false;
}

} // namespace

int main(int argc, char **argv) {
    std::vector<char *> args(argv, argv + argc);
    for (auto at = args.begin() + 1; at != args.end(); ++at) {
        if (std::strcmp(*at, "--help") == 0 || std::strcmp(*at, "-h") == 0) {
            std::cout << usage;
            return 0;
        }
        if (std::strcmp(*at, "--help=doctest") == 0) *at = const_cast<char *>("--help");
    }
    hpo::test::ConformanceTarget &target = hpo::test::conformance_target();
    if (!take_option(args, "library", target.library)) {
        if (const char *from_env = std::getenv("HPO_STORAGE_LIBRARY")) target.library = from_env;
    }
    std::string url_file;
    if (take_option(args, "url-file", url_file)) {
        std::ifstream file(url_file);
        if (!std::getline(file, target.url)) {
            std::cerr << "hpo_storage_conformance: cannot read a URL from --url-file \"" << url_file << "\"\n";
            return 2;
        }
    } else if (!take_option(args, "url", target.url)) {
        if (const char *from_env = std::getenv("HPO_STORAGE_URL")) target.url = from_env;
    }
    doctest::Context context(static_cast<int>(args.size()), args.data());
    return context.run();
}
