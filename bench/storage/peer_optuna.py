#!/usr/bin/python3
"""Optuna's rows of bench/storage, measured in the same run as hpo's.

Trials per second on x*x over two float parameters with the random sampler, on Optuna's
in-memory storage, RDBStorage over SQLite and JournalStorage over a journal file, in one
process and in four processes (fork) sharing one study. As in the C++ driver, the study is
created before the clock starts (except in memory), each run uses a fresh file, and the
median of --repeat runs is kept. Optuna's in-memory storage cannot be shared by processes:
that cell is null.

  peer_optuna.py --trials 300 --repeat 3 --out optuna.json

Exits 3 with a one-line reason when Optuna is missing.
"""
import argparse
import json
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
import warnings

try:
    import optuna
    from optuna.storages import JournalFileStorage, JournalStorage
except ImportError:
    print("optuna is not installed for /usr/bin/python3 (Debian: python3-optuna)")
    sys.exit(3)

optuna.logging.set_verbosity(optuna.logging.ERROR)
warnings.filterwarnings("ignore")  # JournalStorage is experimental in Optuna 3.1

STUDY = "bench"


def objective(trial):
    x = trial.suggest_float("x", -10, 10)
    trial.suggest_float("y", -10, 10)
    return x * x


def storage_of(kind, path):
    if kind == "memory":
        return None
    if kind == "sqlite":
        return "sqlite:///" + path  # an absolute path: four slashes
    return JournalStorage(JournalFileStorage(path))


def run_trials(kind, path, trials, seed):
    study = optuna.load_study(study_name=STUDY, storage=storage_of(kind, path),
                              sampler=optuna.samplers.RandomSampler(seed=seed))
    study.optimize(objective, n_trials=trials)


def measure_once(kind, processes, trials, path):
    """Trials per second of one run on a fresh file."""
    if kind == "memory":
        start = time.perf_counter()
        study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=1))
        study.optimize(objective, n_trials=trials)
        return trials / (time.perf_counter() - start)
    optuna.create_study(study_name=STUDY, storage=storage_of(kind, path))
    per_worker = trials // processes
    start = time.perf_counter()
    if processes == 1:
        run_trials(kind, path, per_worker, 1)
    else:
        context = multiprocessing.get_context("fork")
        workers = [context.Process(target=run_trials, args=(kind, path, per_worker, w))
                   for w in range(processes)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        if any(worker.exitcode != 0 for worker in workers):
            raise RuntimeError(f"a worker failed on {kind}")
    elapsed = time.perf_counter() - start
    stored = len(optuna.load_study(study_name=STUDY, storage=storage_of(kind, path)).trials)
    if stored != per_worker * processes:
        raise RuntimeError(f"{kind}: {stored} trials stored, expected {per_worker * processes}")
    return per_worker * processes / elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", required=True, help="where the JSON rows go")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="optuna_bench_storage.") as folder:
        serial = 0
        for processes in (1, 4):
            for kind in ("memory", "sqlite", "journal"):
                rate = None
                if kind != "memory" or processes == 1:
                    rates = []
                    for _ in range(args.repeat):
                        serial += 1
                        try:
                            rates.append(measure_once(kind, processes, args.trials,
                                                      os.path.join(folder, f"{kind}{serial}")))
                        except RuntimeError as error:
                            # Optuna's own failure (its journal can read a half-written
                            # line under several processes) leaves this run out, not the table.
                            print(f"optuna {kind} x{processes}: {error}", file=sys.stderr)
                    rate = statistics.median(rates) if rates else None
                rows.append({"storage": kind, "processes": processes, "trials_per_s": rate})
                print(f"optuna {kind} x{processes} done", file=sys.stderr)
    with open(args.out, "w") as out:
        json.dump({"version": optuna.__version__, "trials": args.trials, "repeat": args.repeat,
                   "rows": rows}, out, indent=2)


if __name__ == "__main__":
    main()
