#!/usr/bin/python3
"""The classic Hyperopt tutorial, model selection on iris among an SVC, k-nearest neighbours
and a random forest, written as Hyperopt's users write it: only the imports point at hpo.

    HPO_LIBRARY=build/release/lib/libhpo.so PYTHONPATH=bindings/python \\
        /usr/bin/python3 samples/python/hyperopt_model_selection.py --evals 100

With --storage sqlite:///iris.db the search is kept there (Hyperopt's MongoTrials' role):
run the script again, or in several processes at once, and they continue one search.
"""

import argparse

import numpy as np
from sklearn.datasets import load_iris
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import cross_val_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import scale
from sklearn.svm import SVC

from hpo.hyperopt import STATUS_OK, Trials, fmin, hp, space_eval, tpe
from hpo.hyperopt.pyll import scope

iris = load_iris()
X, y = iris.data, iris.target

space = hp.choice("classifier_type", [
    {
        "type": "svm",
        "C": hp.loguniform("svm_C", np.log(1e-3), np.log(1e3)),
        "kernel": hp.choice("svm_kernel", [
            {"ktype": "linear"},
            {"ktype": "rbf", "gamma": hp.loguniform("svm_gamma", np.log(1e-4), np.log(10))},
        ]),
        "scale": hp.choice("svm_scale", [False, True]),
    },
    {
        "type": "knn",
        "n_neighbors": scope.int(hp.quniform("knn_n_neighbors", 1, 50, 1)),
        "weights": hp.choice("knn_weights", ["uniform", "distance"]),
        "scale": hp.choice("knn_scale", [False, True]),
    },
    {
        "type": "randomforest",
        "max_depth": hp.choice("rf_max_depth",
                               [None, scope.int(hp.quniform("rf_depth", 1, 10, 1))]),
        "max_features": hp.choice("rf_max_features", ["sqrt", "log2", None]),
        "n_estimators": hp.randint("rf_n_estimators", 10, 100),
        "criterion": hp.choice("rf_criterion", ["gini", "entropy"]),
    },
])


def build(params):
    params = dict(params)
    kind = params.pop("type")
    if kind == "svm":
        kernel = params.pop("kernel")
        return SVC(C=params["C"], kernel=kernel["ktype"], gamma=kernel.get("gamma", "scale")), \
            params["scale"]
    if kind == "knn":
        return KNeighborsClassifier(n_neighbors=params["n_neighbors"],
                                    weights=params["weights"]), params["scale"]
    return RandomForestClassifier(random_state=0, **params), False


def objective(params):
    model, scaled = build(params)
    accuracy = cross_val_score(model, scale(X) if scaled else X, y, cv=5).mean()
    return {"loss": -accuracy, "status": STATUS_OK, "model": type(model).__name__}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evals", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--storage", default=None, help="e.g. sqlite:///iris.db")
    args = parser.parse_args()

    trials = Trials() if args.storage is None else Trials(storage=args.storage, exp_key="iris")
    best = fmin(objective, space, algo=tpe.suggest, max_evals=args.evals, trials=trials,
                rstate=np.random.default_rng(args.seed))
    print("best (vals):", best)
    print("best model:", space_eval(space, best))
    print(f"cross-validated accuracy {-trials.best_trial['result']['loss']:.4f} "
          f"after {len(trials)} trials")
    counts = {}
    for result in trials.results:
        counts[result.get("model")] = counts.get(result.get("model"), 0) + 1
    print("trials per model:", counts)


if __name__ == "__main__":
    main()
