"""The engine's plotly figure JSON drawn with matplotlib: the traces' own x, y (and z) are
what is plotted, with plotly's styling read as matplotlib's (colour scales, dashes, marker
symbols, log and category axes, step lines). One drawer per figure kind; nothing here
computes a figure's data again.
"""

import datetime
import re

import numpy as np

_DASHES = {"solid": "-", "dot": ":", "dash": "--", "dashdot": "-."}
_SYMBOLS = {"circle": "o", "circle-open": "o", "x": "x", "square": "s", "diamond": "D", "cross": "P"}


def pyplot():
    import matplotlib.pyplot as plt
    return plt


def floats(values):
    """A float array of plotly values, None (a gap) as NaN."""
    return np.array([np.nan if v is None else v for v in values], dtype=float)


def text(title):
    """Plotly's title markup ("Title<br><sub>note</sub>") as plain lines."""
    return re.sub(r"<[^>]+>", "", re.sub(r"<br\s*/?>", "\n", title or ""))


def title_of(node):
    """The text of a layout node's title: {"title": {"text": ...}} or {"title": "..."}."""
    title = (node or {}).get("title")
    return text(title.get("text") if isinstance(title, dict) else title)


def cmap(name, reverse=False):
    """A plotly colour scale name (Blues, Viridis, ...) as a matplotlib colour map name."""
    name = {"viridis": "viridis", "blues": "Blues"}.get(str(name).lower(), name or "Blues")
    return name + ("_r" if reverse else "")


def new_axes(spec, **subplot_kw):
    """A figure with one Axes, titled as the figure is."""
    plt = pyplot()
    _, ax = plt.subplots(subplot_kw=subplot_kw or None, layout="constrained")
    ax.set_title(text(spec["layout"].get("title", {}).get("text")))
    return ax


class Axis:
    """How one plotly axis places values: categories at 0, 1, ... in the axis' order, other
    values as they are; log or linear."""

    def __init__(self, layout_axis):
        layout_axis = layout_axis or {}
        self.title = title_of(layout_axis)
        self.categories = list(layout_axis.get("categoryarray", [])) if layout_axis.get("type") == "category" else None
        self.log = layout_axis.get("type") == "log"
        self.labels = None  # what the category ticks show, when not the categories themselves

    def positions(self, values):
        if self.categories is None:
            return floats(values)
        index = {label: i for i, label in enumerate(self.categories)}
        for value in values:
            if value not in index:  # a category the axis does not list goes after its own
                index[value] = len(index)
                self.categories.append(value)
        return np.array([index[v] for v in values], dtype=float)

    def apply(self, ax, which, label=True):
        """Titles the x or y axis of ax and sets its scale or category ticks."""
        if label:
            getattr(ax, f"set_{which}label")(self.title)
        if self.log:
            getattr(ax, f"set_{which}scale")("log")
        elif self.categories is not None:
            labels = self.labels if self.labels is not None else [str(c) for c in self.categories]
            getattr(ax, f"set_{which}ticks")(range(len(labels)), labels)


def scatter(ax, trace, x_axis=None, y_axis=None, colorbar=True):
    """A plotly scatter trace: markers as a scatter collection (coloured by their numbers
    when marker.color is a list), lines (step lines for shape "hv") as a Line2D."""
    x_axis, y_axis = x_axis or Axis(None), y_axis or Axis(None)
    xs, ys = x_axis.positions(trace.get("x", [])), y_axis.positions(trace.get("y", []))
    mode = str(trace.get("mode", "markers"))
    marker, line = trace.get("marker", {}), trace.get("line", {})
    label = trace.get("name") if trace.get("showlegend", True) is not False else "_nolegend_"
    symbol = marker.get("symbol", "circle")
    if "lines" in mode:
        color = line.get("color") or (marker.get("color") if isinstance(marker.get("color"), str) else None)
        return ax.plot(xs, ys, color=color, linestyle=_DASHES.get(line.get("dash"), "-"),
                       linewidth=line.get("width", 1.5),
                       drawstyle="steps-post" if line.get("shape") == "hv" else "default",
                       marker=_SYMBOLS.get(symbol, "o") if "markers" in mode else None,
                       markersize=marker.get("size", 6) * 0.8,
                       markerfacecolor="none" if symbol.endswith("-open") else color,
                       label=label)[0]
    color = marker.get("color")
    options = {"s": (marker.get("size", 6) * 1.2) ** 2, "label": label, "marker": _SYMBOLS.get(symbol, "o")}
    border = marker.get("line", {})
    if border:
        options.update(edgecolors=str(border.get("color", "grey")).lower(), linewidths=border.get("width", 0.5))
    if isinstance(color, list):
        collection = ax.scatter(xs, ys, c=floats(color),
                                cmap=cmap(marker.get("colorscale"), marker.get("reversescale", False)), **options)
        if colorbar and "colorbar" in marker and marker.get("showscale", True):
            ax.figure.colorbar(collection, ax=ax, label=title_of(marker["colorbar"]))
        return collection
    return ax.scatter(xs, ys, color=str(color).lower() if color else None, **options)


def legend(ax):
    handles, labels = ax.get_legend_handles_labels()
    if len(handles) > 1:
        ax.legend(loc="best")


def lines(spec):
    """Figures of scatter traces on one pair of axes: the history (values and best so far),
    the EDF, the learning curves, a Pareto front of two objectives."""
    ax = new_axes(spec)
    layout = spec["layout"]
    x_axis, y_axis = Axis(layout.get("xaxis")), Axis(layout.get("yaxis"))
    for trace in spec["data"]:
        scatter(ax, trace, x_axis, y_axis)
    x_axis.apply(ax, "x")
    y_axis.apply(ax, "y")
    if "range" in layout.get("yaxis", {}):
        ax.set_ylim(*layout["yaxis"]["range"])
    legend(ax)
    return ax


def slices(spec):
    """A panel per parameter, the objective on a shared y axis: an Axes, or an array of them
    for several parameters (as Optuna's)."""
    plt = pyplot()
    data, layout = spec["data"], spec["layout"]
    n = max(len(data), 1)
    figure, axes = plt.subplots(1, n, sharey=True, squeeze=False, figsize=(max(6.4, 3.2 * n), 4.8),
                                layout="constrained")
    figure.suptitle(text(layout.get("title", {}).get("text")))
    y_axis = Axis(layout.get("yaxis"))
    for i, (ax, trace) in enumerate(zip(axes[0], data)):
        x_axis = Axis(layout.get("xaxis" + trace.get("xaxis", "x")[1:]))
        scatter(ax, trace, x_axis, y_axis, colorbar=i == n - 1)
        x_axis.apply(ax, "x")
        y_axis.apply(ax, "y", label=i == 0)
    return axes[0] if n > 1 else axes[0, 0]


def fill_gaps(z):
    """The empty cells of a grid filled as plotly's connectgaps does: each the mean of its
    neighbours, iterated to convergence (a discrete Laplace equation), the cells with
    values left as they are."""
    missing = np.isnan(z)
    if not missing.any() or missing.all():
        return z
    filled = np.where(missing, np.nanmean(z), z)
    for _ in range(500):
        padded = np.pad(filled, 1, mode="edge")
        mean = (padded[:-2, 1:-1] + padded[2:, 1:-1] + padded[1:-1, :-2] + padded[1:-1, 2:]) / 4
        change = np.max(np.abs(mean[missing] - filled[missing]))
        filled[missing] = mean[missing]
        if change < 1e-9 * (1 + np.max(np.abs(filled))):
            break
    return filled


def contour(spec):
    """The objective's grid as filled contours (gaps connected), the trials on top."""
    ax = new_axes(spec)
    layout = spec["layout"]
    x_axis, y_axis = Axis(layout.get("xaxis")), Axis(layout.get("yaxis"))
    for trace in spec["data"]:
        if trace["type"] == "contour":
            xs, ys = x_axis.positions(trace["x"]), y_axis.positions(trace["y"])
            z = fill_gaps(np.array([floats(row) for row in trace["z"]]).reshape(len(ys), len(xs)))
            if len(xs) >= 2 and len(ys) >= 2 and not np.isnan(z).all():
                filled = ax.contourf(xs, ys, z, levels=15,
                                     cmap=cmap(trace.get("colorscale"), trace.get("reversescale", False)))
                ax.figure.colorbar(filled, ax=ax, label=title_of(trace.get("colorbar")))
        else:
            scatter(ax, trace, x_axis, y_axis)
    x_axis.apply(ax, "x")
    y_axis.apply(ax, "y")
    return ax


def parallel(spec):
    """Parallel coordinates: each dimension scaled to [0, 1] between its lowest and highest
    value (or tick) on a vertical axis of its own, one line per trial coloured by the
    objective; the axes' ends, or the dimension's own ticks, labelled."""
    from matplotlib.collections import LineCollection
    from matplotlib.cm import ScalarMappable
    from matplotlib.colors import Normalize

    ax = new_axes(spec)
    trace = spec["data"][0]
    dimensions = trace["dimensions"]
    scaled, ranges = [], []
    for dimension in dimensions:
        values = floats(dimension["values"])
        ends = np.concatenate([values, floats(dimension.get("tickvals", []))])
        low, high = (np.nanmin(ends), np.nanmax(ends)) if len(ends) else (0.0, 1.0)
        width = high - low if high > low else 1.0
        ranges.append((low, width))
        scaled.append((values - low) / width if high > low else np.full(len(values), 0.5))
    colors = floats(trace["line"]["color"])
    color_map = cmap(trace["line"].get("colorscale"), trace["line"].get("reversescale", False))
    segments = [list(zip(range(len(dimensions)), column)) for column in zip(*scaled)]
    norm = Normalize(*(np.nanmin(colors), np.nanmax(colors)) if len(colors) else (0, 1))
    ax.add_collection(LineCollection(segments, array=colors, cmap=color_map, norm=norm, linewidths=1))
    for j, (dimension, (low, width)) in enumerate(zip(dimensions, ranges)):
        ax.axvline(j, color="black", linewidth=1)
        ticks = zip(dimension["tickvals"], dimension["ticktext"]) if "tickvals" in dimension else \
            [(low, f"{low:.4g}"), (low + width, f"{low + width:.4g}")] if len(dimension["values"]) else []
        for value, label in ticks:
            ax.text(j + 0.03, (value - low) / width, label, fontsize=8, va="center")
    ax.set_xlim(-0.1, len(dimensions) - 0.6)
    ax.set_ylim(-0.05, 1.05)
    ax.set_xticks(range(len(dimensions)), [d.get("label", "") for d in dimensions])
    ax.set_yticks([])
    mappable = ScalarMappable(norm=norm, cmap=color_map)
    ax.figure.colorbar(mappable, ax=ax, label=title_of(trace["line"].get("colorbar")))
    return ax


def _scatter3d(ax, trace):
    marker = trace.get("marker", {})
    color = marker.get("color")
    if isinstance(color, list):
        collection = ax.scatter(trace["x"], trace["y"], trace["z"], c=floats(color),
                                cmap=cmap(marker.get("colorscale")), label=trace.get("name"))
        ax.figure.colorbar(collection, ax=ax, label=title_of(marker.get("colorbar")), shrink=0.7)
        return collection
    return ax.scatter(trace["x"], trace["y"], trace["z"], color=color, label=trace.get("name"))


def pareto(spec):
    """Two objectives on a plane, three in a 3-D Axes; dominated trials coloured by number,
    the front in red."""
    if not any(trace["type"] == "scatter3d" for trace in spec["data"]):
        return lines(spec)
    ax = new_axes(spec, projection="3d")
    for trace in spec["data"]:
        _scatter3d(ax, trace)
    scene = spec["layout"].get("scene", {})
    ax.set_xlabel(title_of(scene.get("xaxis")))
    ax.set_ylabel(title_of(scene.get("yaxis")))
    ax.set_zlabel(title_of(scene.get("zaxis")))
    legend(ax)
    return ax


def dates(texts):
    """Plotly's date strings ("2024-05-01 12:30:05.123") as matplotlib date numbers."""
    from matplotlib import dates as mdates
    return np.array([mdates.date2num(datetime.datetime.fromisoformat(t)) for t in texts], dtype=float)


def timeline(spec):
    """Horizontal bars from each trial's start (base) for its duration (x, in ms) on its
    worker slot's row, first row on top, coloured by state."""
    from matplotlib import dates as mdates
    ax = new_axes(spec)
    layout = spec["layout"]
    rows = Axis({"type": "category", "categoryarray": []})
    for trace in spec["data"]:
        starts = dates(trace["base"])
        ax.barh(rows.positions(trace["y"]), floats(trace["x"]) / 86_400_000.0, left=starts, height=0.8,
                color=trace.get("marker", {}).get("color"), label=trace.get("name"))
    rows.apply(ax, "y", label=False)
    ax.set_ylabel(title_of(layout.get("yaxis")))
    ax.set_xlabel(title_of(layout.get("xaxis")))
    ax.xaxis_date()
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    ax.invert_yaxis()
    legend(ax)
    return ax


def bars(spec):
    """Horizontal bars with their error bars and labels, one group per trace, the first
    category at the bottom (as plotly draws them)."""
    ax = new_axes(spec)
    layout = spec["layout"]
    data = spec["data"]
    rows = Axis({"type": "category", "categoryarray": []})
    for trace in data:
        rows.positions(trace["y"])
    height = 0.8 / max(len(data), 1)
    for k, trace in enumerate(data):
        at = rows.positions(trace["y"]) - 0.4 + height * (k + 0.5)
        errors = trace.get("error_x", {})
        container = ax.barh(at, floats(trace["x"]), height=height, label=trace.get("name"),
                            xerr=floats(errors["array"]) if errors.get("visible") else None)
        if trace.get("text"):
            ax.bar_label(container, labels=[str(t) for t in trace["text"]], padding=3, fontsize=8)
    rows.apply(ax, "y", label=False)
    ax.set_ylabel(title_of(layout.get("yaxis")))
    ax.set_xlabel(title_of(layout.get("xaxis")))
    if layout.get("showlegend"):
        legend(ax)
    return ax
