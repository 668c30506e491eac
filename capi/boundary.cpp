#include "boundary.hpp"

#include "text_checks.hpp"

namespace hpo::capi {
namespace {
thread_local std::string last_error;
}

void set_last_error(const std::string &message) { last_error = message; }
void clear_last_error() { last_error.clear(); }

void require(const void *pointer, const char *function, const char *argument) {
    if (pointer == nullptr) fail(HPO_EINVAL, std::string(function) + ": " + argument + " must not be NULL");
}

void require_text(const char *text, const char *function, const char *argument) {
    require(text, function, argument);
    optional_text(text, function, argument);
}

std::string_view optional_text(const char *text, const char *function, const char *argument) {
    const std::string_view view = text ? text : "";
    require_utf8(view, std::string(function) + ": " + argument);
    return view;
}

json parse_json(const char *text, const char *what) { return parse_json_text(text, what); }

}  // namespace hpo::capi

extern "C" HPO_API const char *hpo_last_error(void) { return hpo::capi::last_error.c_str(); }
