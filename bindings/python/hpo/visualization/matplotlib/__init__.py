"""Plots of a study on matplotlib Axes, as Optuna's optuna.visualization.matplotlib.

The same functions, with the same arguments, as hpo.visualization (whose plotly figures they
draw: the engine's figure JSON, hpo_study_figure_json, with the arguments applied by the
same code), each returning the Axes it drew on (an array of Axes for a slice plot of several
parameters, a 3-D Axes for a Pareto front of three objectives). The data plotted is the
traces' own: nothing is computed again in Python. Plus scikit-optimize's three plots
(plot_convergence, plot_evaluations, plot_objective), of a study or of a scikit-optimize
result: they are also hpo.skopt.plots.

Each plot opens a new figure with pyplot; choose a non-interactive backend
(matplotlib.use("Agg"), or MPLBACKEND=Agg) where nothing is shown, as in tests.
"""

import functools

from .. import _specs
from . import _draw
from ._skopt import plot_convergence, plot_evaluations, plot_objective

__all__ = ["plot_optimization_history", "plot_param_importances", "plot_slice", "plot_contour", "plot_parallel_coordinate",
           "plot_intermediate_values", "plot_pareto_front", "plot_edf", "plot_timeline",
           "plot_convergence", "plot_evaluations", "plot_objective"]


def _drawn(spec_of, draw):
    """The plot function of that name: the figure _specs defines, drawn by `draw`."""
    @functools.wraps(spec_of)
    def plot(*args, **kwargs):
        return draw(spec_of(*args, **kwargs))
    return plot


plot_optimization_history = _drawn(_specs.plot_optimization_history, _draw.lines)
plot_param_importances = _drawn(_specs.plot_param_importances, _draw.bars)
plot_slice = _drawn(_specs.plot_slice, _draw.slices)
plot_contour = _drawn(_specs.plot_contour, _draw.contour)
plot_parallel_coordinate = _drawn(_specs.plot_parallel_coordinate, _draw.parallel)
plot_intermediate_values = _drawn(_specs.plot_intermediate_values, _draw.lines)
plot_pareto_front = _drawn(_specs.plot_pareto_front, _draw.pareto)
plot_edf = _drawn(_specs.plot_edf, _draw.lines)
plot_timeline = _drawn(_specs.plot_timeline, _draw.timeline)
