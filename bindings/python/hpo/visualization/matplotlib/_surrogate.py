"""The model plot_objective draws partial dependence from: a Gaussian process fitted on the
trials a figure holds (hpo's samplers keep no model to hand back), over points of a
scikit-optimize Space encoded in the unit cube (numbers scaled between their bounds, in log
space for log-uniform; categories one-hot). The one part of a plot computed in Python: the
engine defines no model to draw.
"""

import warnings

import numpy as np

from ...skopt.space import Categorical, Integer


class Encoding:
    """Points of a Space as rows of numbers, and which columns each dimension takes."""

    def __init__(self, space):
        self.space = space
        self.columns = []
        start = 0
        for dimension in space.dimensions:
            width = len(dimension.categories) if isinstance(dimension, Categorical) else 1
            self.columns.append(slice(start, start + width))
            start += width
        self.width = start

    def value(self, index, value):
        """The encoded columns of one dimension's value."""
        dimension = self.space.dimensions[index]
        if isinstance(dimension, Categorical):
            row = np.zeros(len(dimension.categories))
            row[dimension.to_engine(value)] = 1.0
            return row
        return np.atleast_1d(dimension.to_unit(value))

    def rows(self, points):
        out = np.empty((len(points), self.width))
        for i, point in enumerate(points):
            for j, value in enumerate(point):
                out[i, self.columns[j]] = self.value(j, value)
        return out


def fit(space, points, values, random_state=0):
    """A GaussianProcessRegressor (Matern-5/2 with one lengthscale per column, and noise)
    fitted on the points (lists of values of the space's dimensions) and their values."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.gaussian_process import GaussianProcessRegressor
    from sklearn.gaussian_process.kernels import ConstantKernel, Matern, WhiteKernel

    encoding = Encoding(space)
    kernel = ConstantKernel() * Matern(length_scale=np.ones(encoding.width), nu=2.5,
                                       length_scale_bounds=(1e-3, 1e3)) \
        + WhiteKernel(noise_level=1e-3, noise_level_bounds=(1e-8, 1e1))
    model = GaussianProcessRegressor(kernel=kernel, normalize_y=True, random_state=random_state,
                                     n_restarts_optimizer=2)
    with warnings.catch_warnings():  # a bound reached by a lengthscale is no news in a plot
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(encoding.rows(points), np.asarray(values, dtype=float))
    return model, encoding


def grid(dimension, n_points):
    """The values a partial dependence is drawn at: evenly spaced (in log space for
    log-uniform), whole numbers for an Integer, every category for a Categorical."""
    if isinstance(dimension, Categorical):
        return list(dimension.categories)
    values = dimension.from_unit(np.linspace(0, 1, n_points))
    if isinstance(dimension, Integer):  # whole values, each once
        return sorted({int(round(v)) for v in values})
    return list(values)


def partial_dependence(model, encoding, samples, settings):
    """For each {index: value} in settings, the model's mean over `samples` (encoded rows)
    with those dimensions set to those values; one prediction for all of them."""
    blocks = []
    for fixed in settings:
        rows = samples.copy()
        for index, value in fixed.items():
            rows[:, encoding.columns[index]] = encoding.value(index, value)
        blocks.append(rows)
    means = model.predict(np.vstack(blocks)).reshape(len(settings), len(samples)).mean(axis=1)
    return list(means)
