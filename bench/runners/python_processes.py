"""Speed-up of a CPU-bound pure-Python objective at 2 jobs over 1 job: hpo's
study.optimize(processes=True) beside Optuna's n_jobs=2 (threads, held by the GIL), in the
same run. The target on a 2-core machine: at least 1.8x where Optuna gets about 1x. Beside
them, the machine's own ceiling: the same calls without any optimizer, in this process and
then split over two spawned processes (a multiprocessing pool, its start included), because
two vCPUs of a shared host do not always give twice the work of one.

A shared virtual machine's single-core speed drifts by a third within seconds, so one run of
each is not a measure: the six runs are repeated in rounds, interleaved so that drift falls
on all six alike, and each figure is the median over the rounds; the median of each round's
own speed-up is printed too ("by rounds"), a reading that slow drift moves less.

usage: python_processes.py [--trials N] [--work N] [--rounds N] [--peer-src DIR | --optuna-debian]
                           [--out FILE.json]
Run with PYTHONPATH=bindings/python and HPO_LIBRARY=build/release/lib/libhpo.so. Optuna is
4.9 from the peers' sources (--peer-src, default ../shared/peer-src beside the repository)
where they are, Debian's otherwise or with --optuna-debian.
"""
import argparse
import json
import multiprocessing
import os
import statistics
import sys
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


class FixedTrial:
    """What the bare runs hand Burn in place of a study's trial."""

    @staticmethod
    def suggest_float(name, low, high):
        return low


def burn_once(burn):
    return burn(FixedTrial())


def timed(run):
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=40)
    parser.add_argument("--work", type=int, default=2_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--peer-src", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                           "..", "..", "..", "shared", "peer-src"))
    parser.add_argument("--optuna-debian", action="store_true")
    parser.add_argument("--out")
    args = parser.parse_args()
    burn = Burn(args.work)
    # Imported here, not at the top: each worker process imports this script again, and
    # Optuna's import alone would be most of a worker's start.
    if not args.optuna_debian and os.path.exists(os.path.join(args.peer_src, "peers.py")):
        sys.path.insert(0, args.peer_src)
        import peers
        peers.optuna4()
    import optuna
    optuna.logging.set_verbosity(optuna.logging.WARNING)

    def hpo_run(jobs, processes):
        study = hpo.create_study(sampler="random", seed=1)
        return timed(lambda: study.optimize(burn, n_trials=args.trials, n_jobs=jobs, processes=processes))

    def optuna_run(jobs):
        study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=1))
        return timed(lambda: study.optimize(burn, n_trials=args.trials, n_jobs=jobs))

    def bare_run(processes):
        if processes == 1:
            return timed(lambda: [burn_once(burn) for _ in range(args.trials)])

        def pooled():
            with multiprocessing.get_context("spawn").Pool(processes) as pool:
                pool.map(burn_once, [burn] * args.trials, chunksize=1)
        return timed(pooled)

    runs = {"hpo_1_job_s": lambda: hpo_run(1, False), "hpo_2_processes_s": lambda: hpo_run(2, True),
            "optuna_1_job_s": lambda: optuna_run(1), "optuna_2_jobs_s": lambda: optuna_run(2),
            "bare_1_process_s": lambda: bare_run(1), "bare_2_processes_s": lambda: bare_run(2)}
    rounds = {name: [] for name in runs}
    for _ in range(args.rounds):
        for name, run in runs.items():
            rounds[name].append(run())
    figures = {"trials": args.trials, "rounds": args.rounds, "optuna_version": optuna.__version__}
    figures.update({name: statistics.median(times) for name, times in rounds.items()})
    figures["each_round_s"] = rounds
    # Per configuration, the speed-up of the medians, and the median of each round's own
    # speed-up: its two runs are minutes apart at most, so drift between rounds cancels out.
    pairs = {"hpo": ("hpo_1_job_s", "hpo_2_processes_s"), "optuna": ("optuna_1_job_s", "optuna_2_jobs_s"),
             "bare": ("bare_1_process_s", "bare_2_processes_s")}
    speedup, paired = {}, {}
    for name, (one, two) in pairs.items():
        speedup[name] = figures[one] / figures[two]
        paired[name] = statistics.median(a / b for a, b in zip(rounds[one], rounds[two]))
        figures.update({f"{name}_speedup": speedup[name], f"{name}_paired_speedup": paired[name]})
    print(f"{args.trials} trials of a CPU-bound pure-Python objective, median of {args.rounds} "
          "interleaved rounds:")
    rows = (("hpo     ", "1 job", "2 jobs (processes=True)", "hpo", " (target >= 1.8x)"),
            (f"optuna {optuna.__version__}", "1 job", "2 jobs (threads)", "optuna", ""),
            ("no optimizer", "1 process", "2 processes", "bare", " (this machine's ceiling)"))
    for label, one_label, two_label, name, remark in rows:
        one, two = pairs[name]
        print(f"  {label}  {one_label} {figures[one]:6.2f} s   {two_label} {figures[two]:6.2f} s   "
              f"speed-up {speedup[name]:4.2f}x, by rounds {paired[name]:4.2f}x{remark}")
    if args.out:
        with open(args.out, "w") as out:
            json.dump(figures, out, indent=2)


if __name__ == "__main__":
    main()
