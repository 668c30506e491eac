"""scikit-optimize's plots in matplotlib: plot_convergence, plot_evaluations and
plot_objective (partial dependence from a surrogate fitted on the trials: see _surrogate).

plot_objective supports minimum="result" and sample_source="random" (scikit-optimize's
defaults); "expected_minimum" and the other sources need skopt's own model and are refused.
"""

import numpy as np
from scipy.optimize import OptimizeResult

from . import _surrogate
from .space import Categorical


def _pyplot():
    import matplotlib.pyplot as plt
    return plt


def plot_convergence(*args, ax=None, true_minimum=None, yscale=None):
    """The best value after n calls, for each result given (or (name, result) pairs; a list
    of results is drawn faintly, with their mean in full)."""
    plt = _pyplot()
    ax = plt.gca() if ax is None else ax
    ax.set_title("Convergence plot")
    ax.set_xlabel("Number of calls $n$")
    ax.set_ylabel(r"$\min f(x)$ after $n$ calls")
    ax.grid()
    if yscale is not None:
        ax.set_yscale(yscale)
    colors = plt.cm.viridis(np.linspace(0.25, 1.0, max(len(args), 1)))
    name = None
    for results, color in zip(args, colors):
        name, results = results if isinstance(results, tuple) else (None, results)
        group = [results] if isinstance(results, OptimizeResult) else list(results)
        curves = [np.minimum.accumulate(np.asarray(r.func_vals, dtype=float)) for r in group]
        calls = range(1, min(len(c) for c in curves) + 1)
        if len(group) > 1:
            for curve in curves:
                ax.plot(calls, curve[:len(calls)], c=color, alpha=0.2)
        mean = np.mean([curve[:len(calls)] for curve in curves], axis=0)
        ax.plot(calls, mean, c=color, marker=".", markersize=12, lw=2, label=name)
    if true_minimum is not None:
        ax.axhline(true_minimum, linestyle="--", color="r", lw=1, label="True minimum")
    if true_minimum is not None or name:
        ax.legend(loc="best")
    return ax


def _labels(space, dimensions):
    if dimensions is not None:
        return list(dimensions)
    return [d.name if d.name is not None else f"$X_{{{i}}}$"
            for i, d in enumerate(space.dimensions)]


def _plot_indices(space, plot_dims):
    if plot_dims is None:
        return list(range(space.n_dims))
    names = space.dimension_names
    return [names.index(d) if isinstance(d, str) else int(d) for d in plot_dims]


def _positions(dimension, values):
    """Where values lie on an axis: categories at 0, 1, ...; numbers as they are."""
    if isinstance(dimension, Categorical):
        return [dimension.to_engine(v) for v in values]
    return list(values)


def _format_axis(axis_setter, ticks_setter, dimension):
    if isinstance(dimension, Categorical):
        ticks_setter(range(len(dimension.categories)),
                     [str(c) for c in dimension.categories])
    elif dimension.prior == "log-uniform":
        axis_setter("log")


def _grid_of_axes(n, size):
    fig, axes = _pyplot().subplots(n, n, figsize=(size * n, size * n), squeeze=False)
    fig.subplots_adjust(left=0.1, right=0.95, bottom=0.1, top=0.95, hspace=0.1, wspace=0.1)
    for i in range(n):
        for j in range(i + 1, n):
            axes[i, j].axis("off")
    return axes


def _label_axes(axes, space, indices, labels):
    n = len(indices)
    for row, i in enumerate(indices):
        for col, j in enumerate(indices[:row + 1]):
            ax = axes[row, col]
            dim_x = space.dimensions[j]
            _format_axis(ax.set_xscale, ax.set_xticks, dim_x)
            if row == n - 1:
                ax.set_xlabel(labels[j])
            else:
                ax.tick_params(labelbottom=False)
            if row == col:  # a curve or histogram: its own y scale, on the right
                ax.yaxis.tick_right()
            elif col == 0:
                ax.set_ylabel(labels[i])
            else:
                ax.tick_params(labelleft=False)
            if row != col:
                _format_axis(ax.set_yscale, ax.set_yticks, space.dimensions[i])


def plot_evaluations(result, bins=20, dimensions=None, plot_dims=None):
    """Where the search went: a histogram of each dimension's samples, and for each pair the
    samples in the order they were taken (darker first), the best one as a red star."""
    space = result.space
    indices = _plot_indices(space, plot_dims)
    labels = _labels(space, dimensions)
    axes = _grid_of_axes(len(indices), 2)
    samples = result.x_iters
    order = np.arange(len(samples))
    for row, i in enumerate(indices):
        dim_i = space.dimensions[i]
        column_i = _positions(dim_i, [x[i] for x in samples])
        for col, j in enumerate(indices[:row + 1]):
            ax = axes[row, col]
            if row == col:
                if isinstance(dim_i, Categorical):
                    ax.hist(column_i, bins=np.arange(len(dim_i.categories) + 1) - 0.5)
                elif dim_i.prior == "log-uniform":
                    ax.hist(column_i, bins=np.logspace(np.log10(dim_i.low),
                                                       np.log10(dim_i.high), bins))
                else:
                    ax.hist(column_i, bins=bins, range=dim_i.bounds)
                continue
            dim_j = space.dimensions[j]
            column_j = _positions(dim_j, [x[j] for x in samples])
            ax.scatter(column_j, column_i, c=order, s=40, lw=0, cmap="viridis")
            ax.scatter(_positions(dim_j, [result.x[j]]), _positions(dim_i, [result.x[i]]),
                       c="r", s=100, lw=0, marker="*")
    _label_axes(axes, space, indices, labels)
    return axes


def plot_objective(result, levels=10, n_points=40, n_samples=250, size=2, zscale="linear",
                   dimensions=None, sample_source="random", minimum="result",
                   n_minimum_search=None, plot_dims=None, show_points=True, cmap="viridis_r"):
    """Partial dependence of the objective, from a Gaussian process fitted on the result's
    trials: along each dimension (diagonal) and for each pair (contours), averaged over
    n_samples random points; the samples in black, the best point as a red star."""
    if sample_source != "random":
        raise NotImplementedError(f"sample_source {sample_source!r}: hpo draws partial "
                                  f"dependence over random points only")
    if minimum != "result":
        raise NotImplementedError(f"minimum {minimum!r}: the best point marked is the "
                                  f"result's (minimum='result')")
    from matplotlib import ticker
    space = result.space
    indices = _plot_indices(space, plot_dims)
    labels = _labels(space, dimensions)
    model, encoding = _surrogate.fit(result)
    samples = encoding.rows(space.rvs(n_samples, random_state=np.random.RandomState(0)))
    axes = _grid_of_axes(len(indices), size)
    for row, i in enumerate(indices):
        dim_i = space.dimensions[i]
        grid_i = _surrogate.grid(dim_i, n_points)
        for col, j in enumerate(indices[:row + 1]):
            ax = axes[row, col]
            if row == col:
                curve = _surrogate.partial_dependence(model, encoding, samples,
                                                      [{i: v} for v in grid_i])
                ax.plot(_positions(dim_i, grid_i), curve)
                ax.axvline(_positions(dim_i, [result.x[i]])[0], linestyle="--", color="r", lw=1)
                continue
            dim_j = space.dimensions[j]
            grid_j = _surrogate.grid(dim_j, n_points)
            surface = [_surrogate.partial_dependence(model, encoding, samples,
                                                     [{i: vi, j: vj} for vj in grid_j])
                       for vi in grid_i]
            locator = ticker.LogLocator() if zscale == "log" else None
            ax.contourf(_positions(dim_j, grid_j), _positions(dim_i, grid_i), surface, levels,
                        locator=locator, cmap=cmap)
            if show_points:
                ax.scatter(_positions(dim_j, [x[j] for x in result.x_iters]),
                           _positions(dim_i, [x[i] for x in result.x_iters]),
                           c="k", s=10, lw=0)
            ax.scatter(_positions(dim_j, [result.x[j]]), _positions(dim_i, [result.x[i]]),
                       c="r", s=100, lw=0, marker="*")
    _label_axes(axes, space, indices, labels)
    return axes
