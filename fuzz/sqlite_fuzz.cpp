// The sqlite storage opening an arbitrary file as its database.
#include "stored_study_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const std::string path =
        hpo::fuzz::scratch_file("study.db", std::string_view(reinterpret_cast<const char *>(data), size));
    hpo::fuzz::open_stored_studies("sqlite:///" + path + "?timeout=1");
    return 0;
}
