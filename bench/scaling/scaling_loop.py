#!/usr/bin/python3
"""One row of bench/scaling from Python: the cost of a trial as the history grows.

Runs the ask / suggest_float x10 (x0..x9 in [0, 1]) / tell loop of a random-sampler study,
in hpo's Python binding or in Optuna (3.1 from Debian, or 4.9 from the peer sources), on one
storage. After the history reaches each of --sizes, the next --window trials are timed (CPU
time of the process, as the C rows' are); the history up to there is filled by the same
loop, untimed. At the end, the resident memory gained since the study was created, per
trial. A size not reached within --budget seconds is reported as null. Prints one JSON
document on stdout:

  {"library": "optuna", "version": "4.9.0", "storage": "memory", "window": 1000,
   "windows": [{"size": 1000, "us_per_trial": 61.2}, {"size": 100000, "us_per_trial": null}],
   "trials": 42000, "bytes_per_trial": 1234.5}

  scaling_loop.py --library optuna4 --peer-src ../shared/peer-src --storage sqlite \\
      --path /tmp/study.db --sizes 1000,50000 --window 1000 --budget 120

hpo's binding is imported from PYTHONPATH, with HPO_LIBRARY naming libhpo. Exits 3 with a
one-line reason when the library asked for cannot be imported.
"""
import argparse
import json
import os
import sys
import time
import warnings

PARAMS = [f"x{i}" for i in range(10)]


def import_library(library, peer_src):
    """The module for `library`, or exits 3 saying why it cannot be had."""
    try:
        if library == "hpo":
            import hpo
            return hpo
        if library == "optuna4":
            if not os.path.isdir(peer_src):
                print(f"Optuna 4.9: no peer sources at {peer_src}")
                sys.exit(3)
            sys.path.insert(0, peer_src)
            import peers
            return peers.optuna4()
        import optuna
        return optuna
    except ImportError as error:
        print(f"{library} cannot be imported under {sys.executable}: {error}")
        sys.exit(3)


def hpo_study(hpo, storage, path):
    url = "memory:" if storage == "memory" else f"{storage}:///{path}?sync=false"
    return hpo.create_study(sampler="random", seed=1, storage=url)


def optuna_study(optuna, storage, path):
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    warnings.filterwarnings("ignore")  # JournalStorage is experimental in Optuna 3.1
    if storage == "memory":
        backend = None
    elif storage == "sqlite":
        backend = "sqlite:///" + path  # an absolute path: four slashes
    else:  # Optuna 4 renamed JournalFileStorage to JournalFileBackend
        storages = optuna.storages
        journal = storages.journal if hasattr(storages, "journal") else storages
        file_backend = getattr(journal, "JournalFileBackend", None) or journal.JournalFileStorage
        backend = optuna.storages.JournalStorage(file_backend(path))
    return optuna.create_study(storage=backend, sampler=optuna.samplers.RandomSampler(seed=1))


def one_trial(study):
    trial = study.ask()
    total = 0.0
    for name in PARAMS:
        total += trial.suggest_float(name, 0.0, 1.0)
    study.tell(trial, total)


def resident_bytes():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def run(study, sizes, window, budget):
    """[(size, microseconds per trial or None)] and the number of trials run."""
    start = time.monotonic()
    trials = 0
    windows = []
    for size in sorted(sizes):
        while trials < size and time.monotonic() - start < budget:
            one_trial(study)
            trials += 1
        if trials < size:
            windows.append((size, None))
            continue
        cpu = time.process_time()
        for _ in range(window):
            one_trial(study)
        windows.append((size, (time.process_time() - cpu) / window * 1e6))
        trials += window
    return windows, trials


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", choices=["hpo", "optuna3", "optuna4"], required=True)
    parser.add_argument("--peer-src", default="", help="the peer sources, for optuna4")
    parser.add_argument("--storage", choices=["memory", "sqlite", "journal"], default="memory")
    parser.add_argument("--path", default="", help="the file of a sqlite or journal storage")
    parser.add_argument("--sizes", required=True, help="history sizes, e.g. 1000,10000")
    parser.add_argument("--window", type=int, default=1000, help="trials timed at each size")
    parser.add_argument("--budget", type=float, default=120, help="seconds for the whole row")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    if args.storage != "memory" and not args.path:
        parser.error("--path is needed for a sqlite or journal storage")

    module = import_library(args.library, args.peer_src)
    make_study = hpo_study if args.library == "hpo" else optuna_study
    study = make_study(module, args.storage, os.path.abspath(args.path))
    baseline = resident_bytes()
    windows, trials = run(study, sizes, args.window, args.budget)
    grown = resident_bytes() - baseline
    json.dump({"library": "hpo" if args.library == "hpo" else "optuna",
               "version": module.__version__, "storage": args.storage, "window": args.window,
               "windows": [{"size": size, "us_per_trial": us} for size, us in windows],
               "trials": trials, "bytes_per_trial": grown / trials if trials else None},
              sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
