// A data race planted on purpose, in a loop body that oneTBB runs on its workers: under the
// tsan preset ThreadSanitizer must report it despite the suppressions oneTBB needs
// (suppressions.txt), or those suppressions hide races in our code too. The ctest test passes
// only when the report names this file.
#include <oneapi/tbb/parallel_for.h>

#include <cstdio>

namespace {

long planted_counter = 0;  // written by every worker, without a lock: the race

__attribute__((noinline)) void planted_race(long i) { planted_counter += i; }

}  // namespace

int main() {
    oneapi::tbb::parallel_for(0L, 100000L, [](long i) { planted_race(i); });
    std::printf("sum %ld\n", planted_counter);
    return 0;
}
