"""Plots of a study as plotly figures, under Optuna's names and arguments.

Each figure is the engine's own (hpo_study_figure_json): the same data the HTML report of
`hpo report` and `hpo dashboard` draw, wrapped in plotly.graph_objects.Figure. Objectives
are chosen by index (`target=1`), not by a callable: the engine draws what it stores.
Figures of large studies sample or aggregate, and say so in their title.
plot_param_importances takes Optuna's callable `target` too: it is evaluated in Python and
handed to the engine's fANOVA as the values to explain.

hpo.visualization.matplotlib has the same functions, with the same arguments, drawing the
same figures on matplotlib Axes (and scikit-optimize's three plots).
"""

import functools

from . import _specs
from ._specs import figure_json

__all__ = ["plot_optimization_history", "plot_param_importances", "plot_slice", "plot_contour", "plot_parallel_coordinate",
           "plot_intermediate_values", "plot_pareto_front", "plot_edf", "plot_timeline",
           "figure_json"]


def _plotly(spec_of):
    """The plot function of that name: the figure _specs defines, as a plotly Figure."""
    @functools.wraps(spec_of)
    def plot(*args, **kwargs):
        import plotly.graph_objects as go
        return go.Figure(spec_of(*args, **kwargs))
    return plot


plot_optimization_history = _plotly(_specs.plot_optimization_history)
plot_param_importances = _plotly(_specs.plot_param_importances)
plot_slice = _plotly(_specs.plot_slice)
plot_contour = _plotly(_specs.plot_contour)
plot_parallel_coordinate = _plotly(_specs.plot_parallel_coordinate)
plot_intermediate_values = _plotly(_specs.plot_intermediate_values)
plot_pareto_front = _plotly(_specs.plot_pareto_front)
plot_edf = _plotly(_specs.plot_edf)
plot_timeline = _plotly(_specs.plot_timeline)
