"""scikit-optimize's plots in matplotlib: plot_convergence, plot_evaluations and
plot_objective, of a result (or of an hpo study). They are hpo.visualization.matplotlib's:
one implementation, drawing what the engine's figures hold (see its _skopt module).

plot_objective supports minimum="result" and sample_source="random" (scikit-optimize's
defaults); "expected_minimum" and the other sources need skopt's own model and are refused.
"""

from ..visualization.matplotlib._skopt import plot_convergence, plot_evaluations, plot_objective

__all__ = ["plot_convergence", "plot_evaluations", "plot_objective"]
