// What the fuzz targets share: a scratch folder of the process's own, bytes written to a file
// there, and an engine of the C API that finds the build tree's plugins.
//
// Each target is one LLVMFuzzerTestOneInput. The fuzz preset links it with libFuzzer; the
// normal presets link it with replay_main.cpp and run it over the committed seeds and
// reproducers (tests/fuzz), so every crash a fuzzer found stays a regular test.
#pragma once

#include <hpo/hpo.h>

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace hpo::fuzz {

// "<tmp>/hpo-fuzz-<pid>", made on first use and emptied.
inline const std::filesystem::path &scratch_dir() {
    static const std::filesystem::path dir = [] {
        auto made = std::filesystem::temp_directory_path() / ("hpo-fuzz-" + std::to_string(::getpid()));
        std::filesystem::remove_all(made);
        std::filesystem::create_directories(made);
        return made;
    }();
    return dir;
}

// The file `name` of the scratch folder, holding exactly `bytes` (and nothing beside it of
// an earlier input: the same name with any suffix is removed first).
inline std::string scratch_file(const std::string &name, std::string_view bytes) {
    const std::filesystem::path file = scratch_dir() / name;
    for (const char *suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(file.string() + suffix);
    std::ofstream out(file, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + file.string());
    return file.string();
}

// One engine for the process: the build tree's plugin folder alone (HPO_FUZZ_PLUGIN_DIR).
inline hpo_engine *engine() {
    static hpo_engine *shared = [] {
        hpo_engine *made = nullptr;
        const std::string options = std::string(R"({"default_paths": false, "plugin_paths": [")") +
                                    HPO_FUZZ_PLUGIN_DIR + "\"]}";
        if (hpo_engine_new(options.c_str(), &made) != HPO_OK) std::abort();
        return made;
    }();
    return shared;
}

// A C API string handed out: read, then freed.
inline void take_string(char *text) { hpo_string_free(text); }

// Every call of the C API returns one of hpo.h's statuses: anything else is a bug.
inline int32_t check_status(int32_t status) {
    if (status > HPO_DONE || status < HPO_ECANCELLED) std::abort();
    return status;
}

}  // namespace hpo::fuzz
