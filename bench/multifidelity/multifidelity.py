#!/usr/bin/python3
"""Multi-fidelity benchmark: the best validation loss reached against epochs spent.

Every row trains the mlp objective's network (plugins/objectives/mlp, through the ctypes
library built from mlp_training.cpp) on the breast-cancer data: the same training code,
epoch for epoch, whether hpo or Optuna samples and prunes. Rows: random search and TPE at
full budget, ASHA, Hyperband and TPE with Hyperband, in hpo and in Optuna
(SuccessiveHalvingPruner, HyperbandPruner), over several seeds, one trial at a time.

A row's budget is what its library's full-budget random search spends (full-trials x
max-epochs epochs). A value is reached when a trial trains every epoch (whatever its final
state); the target of a seed is the best value its library's random search reached.

  HPO_LIBRARY=build/release/lib/libhpo.so PYTHONPATH=bindings/python \\
  /usr/bin/python3 bench/multifidelity/multifidelity.py \\
      --trainer build/release/bench/multifidelity/libhpo_bench_mlp.so --seeds 5
"""
import argparse
import ctypes
import json
import math
import statistics
import sys
import time
import warnings

import hpo

try:
    import optuna
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)
except ImportError:
    optuna = None

class TrainingFailed(RuntimeError):
    """Training diverged (a too large learning rate): the trial fails and the study goes on,
    in both libraries, as a trial of the mlp plugin would."""


EPOCH_FN = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_int64, ctypes.c_double, ctypes.c_void_p)

# (sampler, scheduler) of each row; the libraries' names for them are below.
ROWS = [("random", None), ("tpe", None), ("random", "asha"), ("random", "hyperband"),
        ("tpe", "hyperband")]


class Training:
    """The mlp objective's training, seeded by (seed, trial number)."""

    def __init__(self, path, max_epochs, seed):
        lib = ctypes.CDLL(path)
        lib.hpo_bench_mlp_space.restype = ctypes.c_char_p
        lib.hpo_bench_mlp_last_error.restype = ctypes.c_char_p
        lib.hpo_bench_mlp_new.restype = ctypes.c_void_p
        lib.hpo_bench_mlp_new.argtypes = [ctypes.c_char_p, ctypes.c_uint64]
        lib.hpo_bench_mlp_free.argtypes = [ctypes.c_void_p]
        lib.hpo_bench_mlp_train.argtypes = [ctypes.c_void_p, ctypes.c_int64, ctypes.c_char_p,
                                            EPOCH_FN, ctypes.c_void_p,
                                            ctypes.POINTER(ctypes.c_double)]
        self._lib = lib
        self.space = json.loads(lib.hpo_bench_mlp_space())
        self._handle = lib.hpo_bench_mlp_new(json.dumps({"max_epochs": max_epochs}).encode(),
                                             seed)
        if not self._handle:
            raise RuntimeError(lib.hpo_bench_mlp_last_error().decode())

    def train(self, number, values, on_epoch):
        """Trains; on_epoch(epoch, metric) returns True to stop. Returns the last metric."""
        callback = EPOCH_FN(lambda epoch, metric, _: int(on_epoch(epoch, metric)))
        value = ctypes.c_double()
        if self._lib.hpo_bench_mlp_train(self._handle, number, json.dumps(values).encode(),
                                         callback, None, ctypes.byref(value)) != 0:
            raise TrainingFailed(self._lib.hpo_bench_mlp_last_error().decode())
        return value.value

    def close(self):
        self._lib.hpo_bench_mlp_free(self._handle)


def suggest(trial, space):
    """The trial's internal values (a categorical's choice index), active parameters only."""
    values = {}
    for name, spec in space.items():
        condition = spec.get("condition", {})
        if any(values.get(parent) not in allowed for parent, allowed in condition.items()):
            continue
        if spec["type"] == "int":
            values[name] = trial.suggest_int(name, spec["low"], spec["high"],
                                             log=spec.get("log", False))
        elif spec["type"] == "float":
            values[name] = trial.suggest_float(name, spec["low"], spec["high"],
                                               log=spec.get("log", False))
        else:
            values[name] = spec["choices"].index(trial.suggest_categorical(name,
                                                                           spec["choices"]))
    return values


class Trajectory:
    """Epochs spent so far, and for each trial that trained every epoch, its final value
    with the epochs spent when it finished."""

    def __init__(self):
        self.epochs = 0
        self.reached = []  # [epochs spent, value]

    def best_within(self, epochs):
        values = [value for spent, value in self.reached if spent <= epochs]
        return min(values) if values else math.nan

    def epochs_to_reach(self, target):
        best = math.inf
        for spent, value in self.reached:
            best = min(best, value)
            if best <= target:
                return spent
        return math.inf


def make_objective(training, max_epochs, budget, trajectory, study_box, pruned_error):
    def objective(trial):
        values = suggest(trial, training.space)
        last = {"epoch": 0, "stop": False}

        def on_epoch(epoch, metric):
            trajectory.epochs += 1
            last["epoch"] = epoch
            trial.report(metric, epoch)
            last["stop"] = trial.should_prune()
            return last["stop"]

        value = training.train(trial.number, values, on_epoch)
        if last["epoch"] == max_epochs:
            trajectory.reached.append([trajectory.epochs, value])
        if trajectory.epochs >= budget:
            study_box[0].stop()
        if last["stop"]:
            raise pruned_error()
        return value
    return objective


def hpo_study(sampler, scheduler, seed, max_epochs):
    options = {"asha": {"min_resource": 1, "reduction_factor": 3, "max_resource": max_epochs},
               "hyperband": {"min_resource": 1, "reduction_factor": 3,
                             "max_resource": max_epochs}}
    return hpo.create_study(direction="minimize", sampler=sampler, seed=seed,
                            scheduler=scheduler, scheduler_options=options.get(scheduler))


def optuna_study(sampler, scheduler, seed, max_epochs):
    samplers = {"random": optuna.samplers.RandomSampler, "tpe": optuna.samplers.TPESampler}
    pruners = {None: optuna.pruners.NopPruner(),
               "asha": optuna.pruners.SuccessiveHalvingPruner(min_resource=1,
                                                              reduction_factor=3),
               "hyperband": optuna.pruners.HyperbandPruner(min_resource=1,
                                                           max_resource=max_epochs,
                                                           reduction_factor=3)}
    return optuna.create_study(direction="minimize", sampler=samplers[sampler](seed=seed),
                               pruner=pruners[scheduler])


def run_row(library, sampler, scheduler, seed, args):
    budget = args.full_trials * args.max_epochs
    training = Training(args.trainer, args.max_epochs, seed)
    trajectory = Trajectory()
    make_study, pruned = ((hpo_study, hpo.TrialPruned) if library == "hpo"
                          else (optuna_study, optuna.TrialPruned))
    study = make_study(sampler, scheduler, seed, args.max_epochs)
    objective = make_objective(training, args.max_epochs, budget, trajectory, [study], pruned)
    # Full-budget rows run exactly full_trials trials; the others until the budget is spent.
    n_trials = args.full_trials if scheduler is None else budget
    started = time.perf_counter()
    study.optimize(objective, n_trials=n_trials, catch=(TrainingFailed,))
    wall = time.perf_counter() - started
    training.close()
    return {"seed": seed, "epochs": trajectory.epochs, "reached": trajectory.reached,
            "wall_s": round(wall, 3)}


def label(sampler, scheduler):
    return sampler + (" + " + scheduler if scheduler else " (full budget)")


def summarize(results, args):
    budget = args.full_trials * args.max_epochs
    marks = [budget // 9, budget // 3, budget]
    table = []
    for row in results:
        reference = next(r for r in results
                         if r["library"] == row["library"] and r["sampler"] == "random"
                         and r["scheduler"] is None)
        targets = {run["seed"]: _trajectory(run).best_within(budget)
                   for run in reference["runs"]}
        best = {mark: statistics.median(_trajectory(run).best_within(mark)
                                        for run in row["runs"]) for mark in marks}
        to_target = [_trajectory(run).epochs_to_reach(targets[run["seed"]]) / budget
                     for run in row["runs"]]
        table.append({
            "library": row["library"], "row": label(row["sampler"], row["scheduler"]),
            "best": {str(mark): best[mark] for mark in marks},
            "median_budget_fraction_to_target": statistics.median(to_target),
            "seeds_within_third": sum(fraction <= 1 / 3 for fraction in to_target),
            "seeds": len(row["runs"]),
            "median_wall_s": statistics.median(run["wall_s"] for run in row["runs"])})
    return marks, table


def _trajectory(run):
    trajectory = Trajectory()
    trajectory.reached = run["reached"]
    return trajectory


def _format(value):
    return "-" if math.isnan(value) else f"{value:.4f}"


def print_table(marks, table):
    header = (["library", "row"] + [f"best @ {mark} ep" for mark in marks]
              + ["epochs to target / budget (median)", "seeds within 1/3", "wall s (median)"])
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for line in table:
        fraction = line["median_budget_fraction_to_target"]
        cells = ([line["library"], line["row"]]
                 + [_format(line["best"][str(mark)]) for mark in marks]
                 + ["never" if math.isinf(fraction) else f"{fraction:.2f}",
                    f"{line['seeds_within_third']}/{line['seeds']}",
                    f"{line['median_wall_s']:.1f}"])
        print("| " + " | ".join(cells) + " |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainer", required=True, help="path of libhpo_bench_mlp.so")
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--full-trials", type=int, default=30,
                        help="trials of the full-budget rows; sets every row's epoch budget")
    parser.add_argument("--max-epochs", type=int, default=27)
    parser.add_argument("--no-peer", action="store_true", help="skip Optuna's rows")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, for CI")
    parser.add_argument("--out", default="bench_multifidelity.json")
    args = parser.parse_args()
    if args.smoke:
        args.seeds, args.full_trials, args.max_epochs = 1, 3, 3

    libraries = ["hpo"]
    if args.no_peer:
        pass
    elif optuna is None:
        print("optuna is not installed for /usr/bin/python3: its rows are left out")
    else:
        libraries.append("optuna")
    results = []
    for library in libraries:
        for sampler, scheduler in ROWS:
            runs = [run_row(library, sampler, scheduler, seed, args)
                    for seed in range(1, args.seeds + 1)]
            results.append({"library": library, "sampler": sampler, "scheduler": scheduler,
                            "runs": runs})
            print(f"{library} {label(sampler, scheduler)}: done", file=sys.stderr)
    marks, table = summarize(results, args)
    print_table(marks, table)
    with open(args.out, "w") as out:
        json.dump({"settings": vars(args), "summary": table, "rows": results}, out, indent=1)


if __name__ == "__main__":
    main()
