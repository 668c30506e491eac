// The main of every doctest executable. It waits for oneTBB's worker threads to end before
// the process exits: the leak check that AddressSanitizer runs at exit stops every thread,
// and a worker still winding down then can crash it ("Tracer caught signal 11") after every
// test passed.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <oneapi/tbb/global_control.h>

#include <new>

int main(int argc, char **argv) {
    oneapi::tbb::task_scheduler_handle workers{oneapi::tbb::attach{}};
    const int result = doctest::Context(argc, argv).run();
    // Fails (and returns false) only while a thread still uses oneTBB; then the leak check
    // runs as before.
    (void)oneapi::tbb::finalize(workers, std::nothrow);
    return result;
}
