/* What the engine tests' plugins read of their options: a boolean, without a JSON parser. */
#ifndef HPO_ENGINE_TEST_PLUGIN_OPTIONS_H
#define HPO_ENGINE_TEST_PLUGIN_OPTIONS_H

#include <string.h>

/* Whether the options JSON sets `key` (quoted) to true, spaces or none around the colon. */
static int option_is_true(const char *options_json, const char *key) {
    const char *at = strstr(options_json, key);
    if (at == NULL) return 0;
    at += strlen(key);
    while (*at == ' ' || *at == ':') ++at;
    return strncmp(at, "true", 4) == 0;
}

#endif
