#!/usr/bin/python3
"""Picks the best of an SVC, k-nearest neighbours and a random forest, with their
hyperparameters, on scikit-learn's bundled iris and wine data sets: TPE over a declared,
conditional space, scored by 3-fold cross-validated accuracy.

    HPO_LIBRARY=build/release/lib/libhpo.so PYTHONPATH=bindings/python \\
        /usr/bin/python3 samples/python/sklearn_classifiers.py --trials 60

Each model's hyperparameters exist only when that model is chosen (a `condition` on the
`classifier` parameter), and the SVC's gamma only for the kernels that use it, so the
sampler never spends trials on parameters that do not matter.
"""

import argparse

from sklearn.datasets import load_iris, load_wine
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import cross_val_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

import hpo


def only_for(classifier):
    return {"classifier": [classifier]}


SPACE = {
    "classifier": {"type": "categorical", "choices": ["svc", "knn", "forest"]},
    "svc_c": {"type": "float", "low": 1e-3, "high": 1e3, "log": True,
              "condition": only_for("svc")},
    "svc_kernel": {"type": "categorical", "choices": ["rbf", "linear", "poly"],
                   "condition": only_for("svc")},
    "svc_gamma": {"type": "float", "low": 1e-4, "high": 10.0, "log": True,
                  "condition": {"svc_kernel": ["rbf", "poly"]}},
    "knn_neighbors": {"type": "int", "low": 1, "high": 30, "condition": only_for("knn")},
    "knn_weights": {"type": "categorical", "choices": ["uniform", "distance"],
                    "condition": only_for("knn")},
    "forest_trees": {"type": "int", "low": 10, "high": 200, "step": 10,
                     "condition": only_for("forest")},
    "forest_depth": {"type": "int", "low": 2, "high": 16, "log": True,
                     "condition": only_for("forest")},
    "forest_features": {"type": "categorical", "choices": ["sqrt", "log2"],
                        "condition": only_for("forest")},
}


def build_model(params, seed):
    """The estimator a trial's parameters describe (inactive parameters are absent)."""
    name = params["classifier"]
    if name == "svc":
        svc = SVC(C=params["svc_c"], kernel=params["svc_kernel"],
                  gamma=params.get("svc_gamma", "scale"))
        return make_pipeline(StandardScaler(), svc)
    if name == "knn":
        knn = KNeighborsClassifier(n_neighbors=params["knn_neighbors"],
                                   weights=params["knn_weights"])
        return make_pipeline(StandardScaler(), knn)
    return RandomForestClassifier(n_estimators=params["forest_trees"],
                                  max_depth=params["forest_depth"],
                                  max_features=params["forest_features"], random_state=seed)


def tune(dataset_name, load, args):
    features, labels = load(return_X_y=True)

    def objective(trial):
        model = build_model(trial.params, args.seed)
        return cross_val_score(model, features, labels, cv=3).mean()

    study = hpo.create_study(space=SPACE, direction="maximize", sampler="tpe",
                             sampler_options={"n_startup_trials": 10}, seed=args.seed,
                             study_name=f"classifiers-{dataset_name}")
    study.optimize(objective, n_trials=args.trials, n_jobs=args.jobs)

    best = study.best_trial
    settings = ", ".join(f"{name}={value}" for name, value in best.params.items()
                         if name != "classifier")
    print(f"{dataset_name}: best model {best.params['classifier']} ({settings})")
    print(f"{dataset_name}: 3-fold accuracy {best.value:.4f} at trial {best.number} "
          f"of {len(study.trials)}")
    for classifier in ("svc", "knn", "forest"):
        scores = [t.value for t in study.trials
                  if t.state == hpo.TrialState.COMPLETE and t.params["classifier"] == classifier]
        if scores:
            print(f"  {classifier:7s} {len(scores):3d} trials, best {max(scores):.4f}")
    return best.value


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=60, help="trials per data set")
    parser.add_argument("--jobs", type=int, default=1, help="trials evaluated in parallel")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    for name, load in (("iris", load_iris), ("wine", load_wine)):
        tune(name, load, args)


if __name__ == "__main__":
    main()
