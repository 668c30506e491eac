// The space JSON parser: any text either is refused with hpo::Error (malformed JSON, a bad
// field, named) or gives a space whose JSON form reads back as the same space.
#include "fuzz_support.hpp"

#include "error.hpp"
#include "space.hpp"
#include "text_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    hpo::Space space;
    try {
        space = hpo::Space::from_json(hpo::parse_json_text(text, "space"));
    } catch (const hpo::Error &) {
        return 0;
    }
    const hpo::json written = space.to_json();
    const hpo::Space again = hpo::Space::from_json(written);
    if (again.to_json() != written) std::abort();
    for (std::size_t i = 0; i < space.size(); ++i) space[i].validate();
    return 0;
}
