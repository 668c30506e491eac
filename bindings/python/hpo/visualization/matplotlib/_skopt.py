"""scikit-optimize's three plots of a study, or of a scikit-optimize result (hpo.skopt's, whose
trials are told to a study in memory first): plot_convergence, plot_evaluations and
plot_objective. hpo.skopt.plots is these same functions.

What they draw is read off the engine's figures: the best value after each trial from the
history figure's best-so-far line, each parameter's samples (with their trial numbers and
values) from the slice figure, the best trial from the history figure (the Pareto front's
trials for several objectives). plot_objective's partial dependence alone is computed here,
from a Gaussian process fitted on those samples (see _surrogate); it supports
minimum="result" and sample_source="random" (scikit-optimize's defaults), and refuses
"expected_minimum" and the other sources, which need skopt's own model.
"""

import numpy as np

from .. import _specs
from . import _draw


def _is_result(source):
    return hasattr(source, "func_vals") and hasattr(source, "x_iters")


def _told(result):
    """An in-memory study holding a result's points and values as its trials, in order."""
    import hpo
    space = result.space
    study = hpo.create_study(space=space.engine_space() if space is not None else None, sampler="random",
                             seed=0)
    for point, value in zip(result.x_iters, result.func_vals):
        if space is not None:
            study.enqueue_trial(space.engine_params_of(point))
        study.tell(study.ask(), float(value))
    return study


def _dimension(name, spec):
    """A study's parameter (its declared JSON) as a scikit-optimize dimension."""
    from ...skopt.space import Categorical, Integer, Real
    if spec["type"] == "categorical":
        return Categorical(spec["choices"], name=name)
    kind = Integer if spec["type"] == "int" else Real
    return kind(spec["low"], spec["high"], prior="log-uniform" if spec.get("log") else "uniform", name=name)


class _Source:
    """A study to read figures of, with its parameters as scikit-optimize sees them: the
    engine's names, the labels drawn, the dimensions (bounds, prior, categories)."""

    def __init__(self, source):
        from ...study import Study
        if isinstance(source, Study):
            self.study = source
            space = source.info["space"]
            self.names = list(space)
            self.labels = list(space)
            self.dimensions = [_dimension(name, spec) for name, spec in space.items()]
            self.dimension_names = list(space)
            self.skopt_space = None
            self.relabel = False  # the figure's category labels are the choices
        elif _is_result(source):
            self.study = _told(source)
            space = source.space
            dimensions = list(space.dimensions) if space is not None else []
            self.names = list(space.parameter_names) if space is not None else []
            self.labels = [d.name if d.name is not None else f"$X_{{{i}}}$" for i, d in enumerate(dimensions)]
            self.dimensions = dimensions
            self.dimension_names = [d.name for d in dimensions]
            self.skopt_space = space
            self.relabel = True  # the engine's choices are the categories' indices
        else:
            raise TypeError(f"expected an hpo Study or a scikit-optimize result (OptimizeResult), not "
                            f"{type(source).__name__}")

    def space(self):
        """A scikit-optimize Space of the parameters (the result's own)."""
        from ...skopt.space import Space
        return self.skopt_space if self.skopt_space is not None else Space(self.dimensions)

    def indices(self, plot_dims):
        """The dimensions plot_dims names (by name or index); all of them by default."""
        if not self.names:
            raise ValueError("there is no parameter to plot: the study's space is empty")
        if plot_dims is None:
            return list(range(len(self.names)))
        chosen = []
        for d in plot_dims:
            if isinstance(d, str):
                if d not in self.dimension_names:
                    raise ValueError(f"plot_dims: no dimension named {d!r} (the dimensions are "
                                     f"{self.dimension_names})")
                chosen.append(self.dimension_names.index(d))
            else:
                chosen.append(int(d))
        return chosen


class _Samples:
    """Each parameter's samples as the slice figure holds them: by trial number, the value's
    place on the parameter's axis; the objective by trial number; the best trial(s)."""

    def __init__(self, source):
        from ...skopt.space import Categorical
        study = source.study
        spec = _specs.figure_json(study, "slice")
        self.note = _draw.text(spec["layout"]["title"]["text"]).partition("\n")[2]
        self.axes, self.at, self.values = {}, {}, {}
        for trace in spec["data"]:
            axis = _draw.Axis(spec["layout"].get("xaxis" + trace["xaxis"][1:]))
            positions = axis.positions(trace["x"])
            numbers = [int(n) for n in trace["text"]]
            self.at[trace["name"]] = dict(zip(numbers, positions))
            self.values.update(zip(numbers, trace["y"]))
            self.axes[trace["name"]] = axis
        for name, dimension in zip(source.names, source.dimensions):
            if source.relabel and isinstance(dimension, Categorical) and name in self.axes:
                self.axes[name].labels = [str(c) for c in dimension.categories]
        if len(study.directions) == 1:
            best = _specs.figure_json(study, "history")["data"][1]["x"]
            self.best = best[-2:-1]  # the last improvement (the line's last point repeats it at the end)
        else:
            front = [t for t in _specs.figure_json(study, "pareto")["data"] if t["name"] == "Best trial"]
            self.best = [int(n) for n in front[0]["text"]] if front else []

    def pair(self, x_name, y_name, numbers):
        """Positions on x and y of those trials where both parameters are active."""
        xs, ys = self.at.get(x_name, {}), self.at.get(y_name, {})
        both = [n for n in numbers if n in xs and n in ys]
        return both, np.array([xs[n] for n in both], dtype=float), np.array([ys[n] for n in both], dtype=float)

    def numbers(self):
        return sorted(self.values)


def _convergence(source):
    """The best value after trial 0, 1, ..., n read off the history figure's best-so-far
    line (its steps), NaN before the first completed trial."""
    study = source if not _is_result(source) else _told(source)
    best = _specs.figure_json(study, "history")["data"][1]
    numbers, values = best["x"], best["y"]
    curve = np.full(numbers[-1] + 1 if numbers else 0, np.nan)
    for number, value in zip(numbers, values):
        curve[number:] = value
    return curve


def _single(source):
    from ...study import Study
    return isinstance(source, Study) or _is_result(source)


def plot_convergence(*args, ax=None, true_minimum=None, yscale=None):
    """The best value after n calls (trials), for each study or result given (or (name, study)
    pairs; a list of them is drawn faintly, with their mean in full)."""
    plt = _draw.pyplot()
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
        group = [results] if _single(results) else list(results)
        curves = [_convergence(one) for one in group]
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


def _grid_of_axes(n, size, note):
    fig, axes = _draw.pyplot().subplots(n, n, figsize=(size * n, size * n), squeeze=False)
    fig.subplots_adjust(left=0.1, right=0.95, bottom=0.1, top=0.95, hspace=0.1, wspace=0.1)
    if note:
        fig.suptitle(note, fontsize=8)
    for i in range(n):
        for j in range(i + 1, n):
            axes[i, j].axis("off")
    return axes


def _label_axes(axes, samples, source, indices, labels):
    n = len(indices)
    for row, i in enumerate(indices):
        for col, j in enumerate(indices[:row + 1]):
            ax = axes[row, col]
            x_axis = samples.axes.get(source.names[j], _draw.Axis(None))
            x_axis.apply(ax, "x", label=False)
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
                samples.axes.get(source.names[i], _draw.Axis(None)).apply(ax, "y", label=False)


def _histogram(ax, positions, dimension, axis, bins):
    from ...skopt.space import Categorical
    if isinstance(dimension, Categorical):
        ax.hist(positions, bins=np.arange(len(dimension.categories) + 1) - 0.5)
    elif axis.log:
        ax.hist(positions, bins=np.logspace(np.log10(dimension.low), np.log10(dimension.high), bins))
    else:
        ax.hist(positions, bins=bins, range=dimension.bounds)


def plot_evaluations(result, bins=20, dimensions=None, plot_dims=None):
    """Where the search went: a histogram of each parameter's samples, and for each pair the
    samples in the order they were taken (darker first), the best one as a red star. Takes a
    study or a scikit-optimize result."""
    source = _Source(result)
    indices = source.indices(plot_dims)
    labels = list(dimensions) if dimensions is not None else source.labels
    samples = _Samples(source)
    numbers = samples.numbers()
    axes = _grid_of_axes(len(indices), 2, samples.note)
    for row, i in enumerate(indices):
        name_i = source.names[i]
        for col, j in enumerate(indices[:row + 1]):
            ax = axes[row, col]
            if row == col:
                _, _, positions = samples.pair(name_i, name_i, numbers)
                _histogram(ax, positions, source.dimensions[i], samples.axes.get(name_i, _draw.Axis(None)), bins)
                continue
            both, xs, ys = samples.pair(source.names[j], name_i, numbers)
            ax.scatter(xs, ys, c=both, s=40, lw=0, cmap="viridis")
            _, best_x, best_y = samples.pair(source.names[j], name_i, samples.best)
            ax.scatter(best_x, best_y, c="r", s=100, lw=0, marker="*")
    _label_axes(axes, samples, source, indices, labels)
    return axes


def plot_objective(result, levels=10, n_points=40, n_samples=250, size=2, zscale="linear",
                   dimensions=None, sample_source="random", minimum="result",
                   n_minimum_search=None, plot_dims=None, show_points=True, cmap="viridis_r"):
    """Partial dependence of the objective, from a Gaussian process fitted on the trials where
    every parameter is active: along each dimension (diagonal) and for each pair (contours),
    averaged over n_samples random points; the samples in black, the best point as a red
    star. Takes a study (of one objective) or a scikit-optimize result."""
    if sample_source != "random":
        raise NotImplementedError(f"sample_source {sample_source!r}: hpo draws partial "
                                  f"dependence over random points only")
    if minimum != "result":
        raise NotImplementedError(f"minimum {minimum!r}: the best point marked is the "
                                  f"result's (minimum='result')")
    from matplotlib import ticker

    from . import _surrogate
    source = _Source(result)
    if len(source.study.directions) != 1:
        raise ValueError(f"plot_objective draws one objective; study {source.study.study_name!r} has "
                         f"{len(source.study.directions)}")
    indices = source.indices(plot_dims)
    labels = list(dimensions) if dimensions is not None else source.labels
    samples = _Samples(source)
    space = source.space()
    numbers = [n for n in samples.numbers() if all(n in samples.at.get(name, {}) for name in source.names)]
    if len(numbers) < 2:
        raise ValueError("plot_objective needs at least two completed trials in which every parameter is "
                         f"active; there are {len(numbers)}")

    def point(number):  # a trial's values in the space's terms (a category itself, not its place)
        return [d.categories[int(samples.at[name][number])] if hasattr(d, "categories")
                else samples.at[name][number] for name, d in zip(source.names, source.dimensions)]

    model, encoding = _surrogate.fit(space, [point(n) for n in numbers], [samples.values[n] for n in numbers])
    grid_samples = encoding.rows(space.rvs(n_samples, random_state=np.random.RandomState(0)))
    axes = _grid_of_axes(len(indices), size, samples.note)
    best = [n for n in samples.best if n in numbers]
    for row, i in enumerate(indices):
        dim_i, name_i = source.dimensions[i], source.names[i]
        grid_i = _surrogate.grid(dim_i, n_points)
        places_i = _places(dim_i, grid_i)
        for col, j in enumerate(indices[:row + 1]):
            ax = axes[row, col]
            if row == col:
                curve = _surrogate.partial_dependence(model, encoding, grid_samples, [{i: v} for v in grid_i])
                ax.plot(places_i, curve)
                for number in best:
                    ax.axvline(samples.at[name_i][number], linestyle="--", color="r", lw=1)
                continue
            dim_j, name_j = source.dimensions[j], source.names[j]
            grid_j = _surrogate.grid(dim_j, n_points)
            surface = [_surrogate.partial_dependence(model, encoding, grid_samples,
                                                     [{i: vi, j: vj} for vj in grid_j])
                       for vi in grid_i]
            locator = ticker.LogLocator() if zscale == "log" else None
            ax.contourf(_places(dim_j, grid_j), places_i, surface, levels, locator=locator, cmap=cmap)
            if show_points:
                _, xs, ys = samples.pair(name_j, name_i, numbers)
                ax.scatter(xs, ys, c="k", s=10, lw=0)
            _, best_x, best_y = samples.pair(name_j, name_i, best)
            ax.scatter(best_x, best_y, c="r", s=100, lw=0, marker="*")
    _label_axes(axes, samples, source, indices, labels)
    return axes


def _places(dimension, values):
    """Where a dimension's grid values lie on its axis: categories at 0, 1, ..."""
    if hasattr(dimension, "categories"):
        return [dimension.categories.index(v) for v in values]
    return list(values)
