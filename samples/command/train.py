#!/usr/bin/python3
"""A training script tuned by samples/studies/command_sgd.json through the command objective.

Trains a linear classifier by stochastic gradient descent on scikit-learn's breast-cancer
data, one epoch at a time, and prints what the command objective reads:
  hpo: step=<epoch> value=<validation error>   after each epoch (a scheduler may stop it here)
  <validation error>                           alone on the last line: the trial's result
It knows nothing of hpo beyond those two lines; run it by hand as well:
  python3 samples/command/train.py --lr 0.01 --alpha 1e-4 --penalty l2 --epochs 20
"""
import argparse
import sys

import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import SGDClassifier
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lr", type=float, required=True, help="initial learning rate")
    parser.add_argument("--alpha", type=float, required=True, help="regularization strength")
    parser.add_argument("--penalty", choices=["l2", "l1", "elasticnet"], default="l2")
    parser.add_argument("--epochs", type=int, default=20)
    args = parser.parse_args()

    x, y = load_breast_cancer(return_X_y=True)
    x_train, x_valid, y_train, y_valid = train_test_split(x, y, test_size=0.3, random_state=0, stratify=y)
    scaler = StandardScaler().fit(x_train)
    x_train, x_valid = scaler.transform(x_train), scaler.transform(x_valid)

    model = SGDClassifier(loss="log_loss", learning_rate="invscaling", eta0=args.lr, alpha=args.alpha,
                          penalty=args.penalty, random_state=0)
    classes = np.unique(y)
    error = 1.0
    for epoch in range(args.epochs):
        model.partial_fit(x_train, y_train, classes=classes)
        error = 1.0 - model.score(x_valid, y_valid)
        print(f"epoch {epoch}: validation error {error:.4f}", flush=True)
        print(f"hpo: step={epoch} value={error}", flush=True)
    if not np.all(np.isfinite(model.coef_)):
        print("training diverged: the weights are not finite", file=sys.stderr)
        sys.exit(1)
    print(error)


if __name__ == "__main__":
    main()
