#!/usr/bin/python3
"""Optuna's rows of bench/storage, measured in the same run as hpo's.

Trials per second on x*x over two float parameters with the random sampler, on Optuna's
in-memory storage, RDBStorage over SQLite and JournalStorage over a journal file, in one
process and in four processes (fork) sharing one study. As in the C++ driver, the study is
created before the clock starts (except in memory), each run uses a fresh file, and the
median of --repeat runs is kept. Optuna's in-memory storage cannot be shared by processes:
that cell is null.

With --postgres, only Optuna's RDBStorage on that PostgreSQL server is measured, in 1, 4 and
8 processes, in a database of its own per Optuna version (created when missing) and a fresh
study per run; --peer-src measures Optuna 4 from the peer sources instead of Debian's 3.1.

  peer_optuna.py --trials 300 --repeat 3 --out optuna.json
  peer_optuna.py --postgres postgresql://postgres@127.0.0.1:5432/hpo --peer-src DIR --out pg.json

Exits 3 with a one-line reason when Optuna (or psycopg2, for --postgres) is missing.
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

optuna = None  # imported by main: Debian's, or the peer sources' with --peer-src


def import_optuna(peer_src):
    global optuna
    try:
        if peer_src:
            sys.path.insert(0, peer_src)
            import peers
            peers.optuna4()
        import optuna as module
    except ImportError:
        print("optuna is not installed for /usr/bin/python3 (Debian: python3-optuna)")
        sys.exit(3)
    optuna = module
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    warnings.filterwarnings("ignore")  # JournalStorage is experimental in Optuna 3.1


def postgres_database(url, name):
    """The SQLAlchemy URL of database `name` on the server of `url`, created when missing."""
    try:
        import psycopg2
    except ImportError:
        print("psycopg2 is not installed for /usr/bin/python3 (Debian: python3-psycopg2)")
        sys.exit(3)
    connection = psycopg2.connect(url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        if cursor.fetchone() is None:
            cursor.execute(f"CREATE DATABASE {name}")
    connection.close()
    server = url.split("://", 1)[1].rsplit("/", 1)[0]
    return f"postgresql+psycopg2://{server}/{name}"


STUDY = "bench"


def objective(trial):
    x = trial.suggest_float("x", -10, 10)
    trial.suggest_float("y", -10, 10)
    return x * x


def storage_of(kind, path):
    """path: a file, or for postgres the database's SQLAlchemy URL."""
    if kind == "memory":
        return None
    if kind == "sqlite":
        return "sqlite:///" + path  # an absolute path: four slashes
    if kind == "postgres":
        return path
    from optuna.storages import JournalFileStorage, JournalStorage
    return JournalStorage(JournalFileStorage(path))


def run_trials(kind, path, trials, seed, name):
    study = optuna.load_study(study_name=name, storage=storage_of(kind, path),
                              sampler=optuna.samplers.RandomSampler(seed=seed))
    study.optimize(objective, n_trials=trials)


def measure_once(kind, processes, trials, path, name=STUDY):
    """Trials per second of one run on a fresh file (a fresh study on postgres)."""
    if kind == "memory":
        start = time.perf_counter()
        study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=1))
        study.optimize(objective, n_trials=trials)
        return trials / (time.perf_counter() - start)
    optuna.create_study(study_name=name, storage=storage_of(kind, path))
    per_worker = trials // processes
    start = time.perf_counter()
    if processes == 1:
        run_trials(kind, path, per_worker, 1, name)
    else:
        context = multiprocessing.get_context("fork")
        workers = [context.Process(target=run_trials, args=(kind, path, per_worker, w, name))
                   for w in range(processes)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        if any(worker.exitcode != 0 for worker in workers):
            raise RuntimeError(f"a worker failed on {kind}")
    elapsed = time.perf_counter() - start
    stored = len(optuna.load_study(study_name=name, storage=storage_of(kind, path)).trials)
    if stored != per_worker * processes:
        raise RuntimeError(f"{kind}: {stored} trials stored, expected {per_worker * processes}")
    return per_worker * processes / elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", required=True, help="where the JSON rows go")
    parser.add_argument("--postgres", help="a PostgreSQL server's URL: measure Optuna's RDBStorage on it alone")
    parser.add_argument("--peer-src", default="", help="Optuna 4 from these peer sources (peers.py)")
    args = parser.parse_args()
    import_optuna(args.peer_src)
    rows = []
    if args.postgres:
        database = postgres_database(args.postgres, "optuna%s_bench" % optuna.__version__.split(".")[0])
        serial = 0
        for processes in (1, 4, 8):
            rates = []
            for _ in range(args.repeat):
                serial += 1
                name = f"bench-{os.getpid()}-{serial}"
                rates.append(measure_once("postgres", processes, args.trials, database, name))
            rows.append({"storage": "postgres", "processes": processes, "trials_per_s": statistics.median(rates)})
            print(f"optuna {optuna.__version__} postgres x{processes} done", file=sys.stderr)
        with open(args.out, "w") as out:
            json.dump({"version": optuna.__version__, "trials": args.trials, "repeat": args.repeat,
                       "rows": rows}, out, indent=2)
        return
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
