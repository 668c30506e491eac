#!/usr/bin/python3
"""The same Hyperopt and scikit-optimize scripts under the original libraries (Hyperopt
0.2.7, scikit-optimize 0.9.0, imported through peer-src/peers.py) and under hpo.hyperopt and
hpo.skopt: best value reached, and the optimizer's own time (a run's wall time less the time
spent in the objective).

  HPO_LIBRARY=build/release/lib/libhpo.so PYTHONPATH=bindings/python \\
      /usr/bin/python3 bench/migration/migration.py hyperopt --seeds 10 --evals 100,200
  ... migration.py skopt --seeds 10 --calls 50

hyperopt: the iris model selection of samples/python/hyperopt_model_selection.py (nested
hp.choice among an SVC, k-NN and a random forest; loss = -5-fold accuracy), the forest's size
on a grid of 10. The objective is deterministic and memoized, shared by both libraries, so
the bench spends its time on the optimizers. skopt: gp_minimize on Branin, regret = best - 0.397887.
Prints one JSON document; --out writes it to a file too.
"""

import argparse
import json
import math
import os
import statistics
import sys
import time
import warnings

import numpy as np

warnings.filterwarnings("ignore")
BRANIN_MINIMUM = 0.397887357729739


def peers(peer_src):
    sys.path.insert(0, peer_src)
    import peers as module
    return module


# -- iris model selection ------------------------------------------------------------------

def iris_space(hp, scope):
    return hp.choice("classifier_type", [
        {"type": "svm", "C": hp.loguniform("svm_C", np.log(1e-3), np.log(1e3)),
         "kernel": hp.choice("svm_kernel", [
             {"ktype": "linear"},
             {"ktype": "rbf", "gamma": hp.loguniform("svm_gamma", np.log(1e-4), np.log(10))}]),
         "scale": hp.choice("svm_scale", [False, True])},
        {"type": "knn", "n_neighbors": scope.int(hp.quniform("knn_n_neighbors", 1, 50, 1)),
         "weights": hp.choice("knn_weights", ["uniform", "distance"]),
         "scale": hp.choice("knn_scale", [False, True])},
        {"type": "randomforest",
         "max_depth": hp.choice("rf_max_depth",
                                [None, scope.int(hp.quniform("rf_depth", 1, 10, 1))]),
         "max_features": hp.choice("rf_max_features", ["sqrt", "log2", None]),
         "n_estimators": scope.int(hp.quniform("rf_n_estimators", 10, 100, 10)),
         "criterion": hp.choice("rf_criterion", ["gini", "entropy"])},
    ])


class IrisObjective:
    """-5-fold accuracy, memoized on the configuration; times every call."""

    def __init__(self):
        from sklearn.datasets import load_iris
        self.X, self.y = load_iris(return_X_y=True)
        self.cache = {}
        self.seconds = 0.0

    def _accuracy(self, params):
        from sklearn.ensemble import RandomForestClassifier
        from sklearn.model_selection import cross_val_score
        from sklearn.neighbors import KNeighborsClassifier
        from sklearn.preprocessing import scale
        from sklearn.svm import SVC
        params = dict(params)
        kind, scaled = params.pop("type"), params.pop("scale", False)
        if kind == "svm":
            kernel = params["kernel"]
            model = SVC(C=params["C"], kernel=kernel["ktype"], gamma=kernel.get("gamma", "scale"))
        elif kind == "knn":
            model = KNeighborsClassifier(n_neighbors=params["n_neighbors"],
                                         weights=params["weights"])
        else:
            model = RandomForestClassifier(random_state=0, **params)
        return cross_val_score(model, scale(self.X) if scaled else self.X, self.y, cv=5).mean()

    def __call__(self, params):
        start = time.perf_counter()
        key = json.dumps(params, sort_keys=True, default=str)
        if key not in self.cache:
            self.cache[key] = -self._accuracy(params)
        self.seconds += time.perf_counter() - start
        return self.cache[key]


def run_hyperopt(module, objective, seed, evals):
    from importlib import import_module
    scope = import_module(module.__name__ + ".pyll").scope
    space = iris_space(module.hp, scope)
    trials = module.Trials()
    objective.seconds = 0.0
    start = time.perf_counter()
    module.fmin(objective, space, algo=module.tpe.suggest, max_evals=evals, trials=trials,
                rstate=np.random.default_rng(seed), show_progressbar=False)
    wall = time.perf_counter() - start
    losses = [loss if loss is not None else math.inf for loss in trials.losses()]
    return np.minimum.accumulate(losses), wall - objective.seconds


def bench_hyperopt(args, peer):
    import hpo.hyperopt
    libraries = {"hyperopt-0.2.7": peer.hyperopt(), "hpo.hyperopt": hpo.hyperopt}
    objective = IrisObjective()
    checkpoints = sorted(int(n) for n in args.evals.split(","))
    rows = {}
    for name, module in libraries.items():
        best = {n: [] for n in checkpoints}
        optimizer_seconds = []
        for seed in range(args.seeds):
            curve, seconds = run_hyperopt(module, objective, seed, checkpoints[-1])
            for n in checkpoints:
                best[n].append(float(curve[n - 1]))
            optimizer_seconds.append(seconds)
        rows[name] = {"best_loss_median": {n: statistics.median(v) for n, v in best.items()},
                      "best_loss_mean": {n: statistics.mean(v) for n, v in best.items()},
                      "best_loss": best,
                      "optimizer_seconds_per_run": statistics.mean(optimizer_seconds)}
    return rows


# -- Branin with gp_minimize ---------------------------------------------------------------

def branin(x):
    b, c, t = 5.1 / (4 * math.pi ** 2), 5 / math.pi, 1 / (8 * math.pi)
    return (x[1] - b * x[0] ** 2 + c * x[0] - 6) ** 2 + 10 * (1 - t) * math.cos(x[0]) + 10


def bench_skopt(args, peer):
    import hpo.skopt
    libraries = {"scikit-optimize-0.9.0": peer.skopt(), "hpo.skopt": hpo.skopt}
    rows = {}
    for name, module in libraries.items():
        regrets, optimizer_seconds = [], []
        for seed in range(args.seeds):
            spent = [0.0]

            def objective(x):
                start = time.perf_counter()
                value = branin(x)
                spent[0] += time.perf_counter() - start
                return value
            start = time.perf_counter()
            result = module.gp_minimize(objective, [(-5.0, 10.0), (0.0, 15.0)],
                                        n_calls=args.calls, random_state=seed)
            optimizer_seconds.append(time.perf_counter() - start - spent[0])
            regrets.append(float(result.fun) - BRANIN_MINIMUM)
        rows[name] = {"regret_median": statistics.median(regrets),
                      "regret_mean": statistics.mean(regrets), "regret": regrets,
                      "optimizer_seconds_per_run": statistics.mean(optimizer_seconds)}
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("which", choices=["hyperopt", "skopt"])
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--evals", default="100,200")
    parser.add_argument("--calls", type=int, default=50)
    parser.add_argument("--peer-src",
                        default=os.environ.get("HPO_PEER_SRC", "/work/shared/peer-src"))
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    if not os.path.exists(os.path.join(args.peer_src, "peers.py")):
        print(f"no peers.py in {args.peer_src} (set --peer-src or HPO_PEER_SRC)")
        sys.exit(3)
    peer = peers(args.peer_src)
    rows = bench_hyperopt(args, peer) if args.which == "hyperopt" else bench_skopt(args, peer)
    document = json.dumps({"bench": args.which, "seeds": args.seeds, "rows": rows}, indent=1)
    print(document)
    if args.out:
        with open(args.out, "w") as out:
            out.write(document + "\n")


if __name__ == "__main__":
    main()
