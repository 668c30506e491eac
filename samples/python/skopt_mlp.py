#!/usr/bin/python3
"""An MLP on scikit-learn's breast-cancer data tuned with gp_minimize, written as
scikit-optimize's users write it (x0 defaults, use_named_args, the three plots): only the
imports point at hpo.

    HPO_LIBRARY=build/release/lib/libhpo.so PYTHONPATH=bindings/python \\
        /usr/bin/python3 samples/python/skopt_mlp.py --calls 40 --plots mlp

The first trial is scikit-learn's defaults (x0), so the search can only improve on them.
"""

import argparse
import warnings

from sklearn.datasets import load_breast_cancer
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import cross_val_score
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from hpo.skopt import gp_minimize
from hpo.skopt.space import Categorical, Integer, Real
from hpo.skopt.utils import use_named_args

X, y = load_breast_cancer(return_X_y=True)

dimensions = [
    Integer(8, 256, prior="log-uniform", name="hidden_units"),
    Real(1e-6, 1e-1, prior="log-uniform", name="alpha"),
    Real(1e-4, 1e-1, prior="log-uniform", name="learning_rate_init"),
    Categorical(["relu", "tanh"], name="activation"),
]
# scikit-learn's MLPClassifier defaults, evaluated first.
defaults = [100, 1e-4, 1e-3, "relu"]


@use_named_args(dimensions)
def objective(hidden_units, alpha, learning_rate_init, activation):
    model = make_pipeline(StandardScaler(), MLPClassifier(
        hidden_layer_sizes=(hidden_units,), alpha=alpha, learning_rate_init=learning_rate_init,
        activation=activation, max_iter=200, random_state=0))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return -cross_val_score(model, X, y, cv=3).mean()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=40)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--plots", default=None,
                        help="write PREFIX_convergence.png, _evaluations.png, _objective.png")
    args = parser.parse_args()

    result = gp_minimize(objective, dimensions, n_calls=args.calls, n_initial_points=5,
                         x0=defaults, random_state=args.seed)
    print(f"defaults: accuracy {-result.func_vals[0]:.4f}")
    print(f"best:     accuracy {-result.fun:.4f} with",
          dict(zip((d.name for d in dimensions), result.x)))
    if args.plots:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        from hpo.skopt.plots import plot_convergence, plot_evaluations, plot_objective
        for name, plot in (("convergence", plot_convergence), ("evaluations", plot_evaluations),
                           ("objective", plot_objective)):
            plot(result)
            plt.savefig(f"{args.plots}_{name}.png", dpi=80)
            plt.close("all")
            print(f"wrote {args.plots}_{name}.png")


if __name__ == "__main__":
    main()
