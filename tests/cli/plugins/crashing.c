/* A plugin library that takes the process loading it down, as a plugin with a broken static
 * initializer or query function does: FAULT picks how. `hpo plugins` must list it as refused,
 * naming its file, and go on listing the others.
 * CONSTRUCTOR_SEGV: a static initializer that crashes (SIGSEGV) as the library is loaded.
 * CONSTRUCTOR_EXIT: a static initializer that calls exit(3).
 * QUERY_ABORT: a query function that aborts (SIGABRT). */
#include <hpo/plugin.h>

#include <signal.h>
#include <stdlib.h>

#define CONSTRUCTOR_SEGV 1
#define CONSTRUCTOR_EXIT 2
#define QUERY_ABORT 3

#ifndef FAULT
#error "define FAULT as one of the faults above"
#endif

#if FAULT == CONSTRUCTOR_SEGV
__attribute__((constructor)) static void crash_while_loading(void) { raise(SIGSEGV); }
#elif FAULT == CONSTRUCTOR_EXIT
__attribute__((constructor)) static void exit_while_loading(void) { exit(3); }
#endif

/* Never reached but for QUERY_ABORT: the fault strikes before any table is read. */
HPO_PLUGIN_ENTRY const hpo_plugin_table *hpo_plugin_query(uint32_t offered_abi_version) {
    (void)offered_abi_version;
#if FAULT == QUERY_ABORT
    abort();
#endif
    return NULL;
}
