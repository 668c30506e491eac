// Versions, status texts and strings: the parts of hpo.h that need no engine.
#include "boundary.hpp"

#include <cstdlib>

extern "C" {

HPO_API const char *hpo_version(void) { return HPO_VERSION; }
HPO_API int32_t hpo_version_number(void) { return HPO_VERSION_NUMBER; }
HPO_API uint32_t hpo_abi_version(void) { return HPO_ABI_VERSION; }
HPO_API const char *hpo_status_string(int32_t status) { return hpo::status_text(status); }
HPO_API void hpo_string_free(char *s) { std::free(s); }

}
