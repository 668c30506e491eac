"""Speed-up of a CPU-bound pure-Python objective at 2 jobs over 1 job: hpo's
study.optimize(processes=True) beside Optuna's n_jobs=2 (threads, held by the GIL), in the
same run. The target on a 2-core machine: at least 1.8x where Optuna gets about 1x.

usage: python_processes.py [--trials N] [--work N] [--out FILE.json]
Run with PYTHONPATH=bindings/python and HPO_LIBRARY=build/release/lib/libhpo.so.
"""
import argparse
import json
import time

import hpo

class Burn:
    """`work` steps of pure-Python arithmetic (2,000,000: about a quarter of a second),
    whatever x is. A class, not a closure, so that worker processes can unpickle it."""

    def __init__(self, work):
        self.work = work

    def __call__(self, trial):
        x = trial.suggest_float("x", -1, 1)
        total = 0
        for i in range(self.work):
            total += i % 7
        return x * x + total * 0.0


def timed(run):
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=40)
    parser.add_argument("--work", type=int, default=2_000_000)
    parser.add_argument("--out")
    args = parser.parse_args()
    burn = Burn(args.work)
    # Imported here, not at the top: each worker process imports this script again, and
    # Optuna's import alone would be most of a worker's start.
    import optuna
    optuna.logging.set_verbosity(optuna.logging.WARNING)

    def hpo_run(jobs, processes):
        study = hpo.create_study(sampler="random", seed=1)
        return timed(lambda: study.optimize(burn, n_trials=args.trials, n_jobs=jobs, processes=processes))

    def optuna_run(jobs):
        study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=1))
        return timed(lambda: study.optimize(burn, n_trials=args.trials, n_jobs=jobs))

    figures = {
        "trials": args.trials,
        "hpo_1_job_s": hpo_run(1, False),
        "hpo_2_processes_s": hpo_run(2, True),
        "optuna_version": optuna.__version__,
        "optuna_1_job_s": optuna_run(1),
        "optuna_2_jobs_s": optuna_run(2),
    }
    hpo_speedup = figures["hpo_1_job_s"] / figures["hpo_2_processes_s"]
    optuna_speedup = figures["optuna_1_job_s"] / figures["optuna_2_jobs_s"]
    figures.update({"hpo_speedup": hpo_speedup, "optuna_speedup": optuna_speedup})
    print(f"{args.trials} trials of a CPU-bound pure-Python objective:")
    print(f"  hpo      1 job {figures['hpo_1_job_s']:6.2f} s   2 jobs (processes=True) "
          f"{figures['hpo_2_processes_s']:6.2f} s   speed-up {hpo_speedup:4.2f}x (target >= 1.8x)")
    print(f"  optuna {optuna.__version__}  1 job {figures['optuna_1_job_s']:6.2f} s   2 jobs (threads) "
          f"{figures['optuna_2_jobs_s']:6.2f} s   speed-up {optuna_speedup:4.2f}x")
    if args.out:
        with open(args.out, "w") as out:
            json.dump(figures, out, indent=2)


if __name__ == "__main__":
    main()
