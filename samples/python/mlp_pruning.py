#!/usr/bin/python3
"""Tunes a scikit-learn MLPClassifier on the bundled digits data set, one epoch at a time
(partial_fit), reporting validation accuracy after each epoch so that the Hyperband
scheduler stops unpromising trials early.

    HPO_LIBRARY=build/release/lib/libhpo.so PYTHONPATH=bindings/python \\
        /usr/bin/python3 samples/python/mlp_pruning.py --trials 40

Needs the `hyperband` scheduler plugin. The space is define-by-run: the width of layer k is
only asked for when the trial has at least k layers.
"""

import argparse
import time

import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

import hpo


def load_data(seed):
    features, labels = load_digits(return_X_y=True)
    train_x, valid_x, train_y, valid_y = train_test_split(
        features, labels, test_size=0.3, random_state=seed, stratify=labels)
    scaler = StandardScaler().fit(train_x)
    return scaler.transform(train_x), scaler.transform(valid_x), train_y, valid_y


def make_objective(data, max_epochs, seed):
    train_x, valid_x, train_y, valid_y = data
    classes = np.unique(train_y)

    def objective(trial):
        n_layers = trial.suggest_int("n_layers", 1, 3)
        layers = tuple(trial.suggest_int(f"units_{k}", 8, 128, log=True)
                       for k in range(1, n_layers + 1))
        model = MLPClassifier(
            hidden_layer_sizes=layers,
            learning_rate_init=trial.suggest_float("learning_rate", 1e-4, 1e-1, log=True),
            alpha=trial.suggest_float("alpha", 1e-6, 1e-2, log=True),
            batch_size=trial.suggest_categorical("batch_size", [32, 64, 128]),
            random_state=seed)
        accuracy = 0.0
        for epoch in range(1, max_epochs + 1):
            model.partial_fit(train_x, train_y, classes=classes)
            accuracy = model.score(valid_x, valid_y)
            trial.report(accuracy, epoch)
            if trial.should_prune():
                raise hpo.TrialPruned()
        return accuracy

    return objective


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=40)
    parser.add_argument("--epochs", type=int, default=27, help="epochs of a full training")
    parser.add_argument("--jobs", type=int, default=1, help="trials trained in parallel")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    study = hpo.create_study(direction="maximize", sampler="tpe", seed=args.seed,
                             scheduler="hyperband",
                             scheduler_options={"max_resource": args.epochs,
                                                "reduction_factor": 3})
    started = time.monotonic()
    study.optimize(make_objective(load_data(args.seed), args.epochs, args.seed),
                   n_trials=args.trials, n_jobs=args.jobs)
    elapsed = time.monotonic() - started

    trials = study.trials
    pruned = [t for t in trials if t.state == hpo.TrialState.PRUNED]
    epochs = sum(t.last_step or 0 for t in trials)
    print(f"{len(trials)} trials in {elapsed:.1f} s: {len(pruned)} pruned, "
          f"{epochs} epochs trained of {len(trials) * args.epochs} without pruning")
    best = study.best_trial
    print(f"best validation accuracy {best.value:.4f} (trial {best.number}): {best.params}")


if __name__ == "__main__":
    main()
