// A data race planted on purpose, in a loop body that oneTBB runs on its workers: under the
// tsan preset ThreadSanitizer must report it despite the suppressions oneTBB needs
// (suppressions.txt), or those suppressions hide races in our code too. The ctest test passes
// only when the report names this file.
#include <oneapi/tbb/parallel_for.h>

#include <chrono>
#include <cstdio>
#include <thread>

namespace {

long planted_counter = 0;  // written by every worker, without a lock: the race

__attribute__((noinline)) void planted_race(long i) { planted_counter += i; }

}  // namespace

int main() {
    // Each body sleeps (a system call, which orders nothing for TSan) so that the loop lasts
    // long enough for oneTBB's workers to wake and take bodies even on a loaded machine: a
    // loop the main thread finished alone would race with nobody.
    oneapi::tbb::parallel_for(0L, 2000L, [](long i) {
        planted_race(i);
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    });
    std::printf("sum %ld\n", planted_counter);
    return 0;
}
