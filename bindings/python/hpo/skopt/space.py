"""scikit-optimize's dimensions (Real, Integer, Categorical), check_dimension's reading of
tuples and lists, and Space; each dimension knows the hpo parameter that stands for it."""

import numbers

import numpy as np

_PRIORS = ("uniform", "log-uniform")


def _bound(value, what):
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{what} must be a number, not {value!r}")
    return value


def _random_state(random_state):
    if isinstance(random_state, np.random.RandomState):
        return random_state
    return np.random.RandomState(random_state)


class Dimension:
    """What every dimension has: a name (None until given), and its hpo parameter."""

    name = None

    def _check_transform(self, transform):
        if transform not in (None, "identity", "normalize", "onehot", "label", "string"):
            raise ValueError(f"unknown transform {transform!r}")
        self.transform_ = transform or "identity"

    def __eq__(self, other):
        return type(self) is type(other) and vars(self) == vars(other)

    def __hash__(self):
        return hash(repr(self))


class _Numeric(Dimension):
    def __init__(self, low, high, prior, base, transform, name, kind):
        what = type(self).__name__
        self.low, self.high = _bound(low, f"{what}'s low"), _bound(high, f"{what}'s high")
        if high <= low:
            raise ValueError(f"the lower bound {low} has to be less than the upper bound {high}")
        if prior not in _PRIORS:
            raise ValueError(f"prior should be 'uniform' or 'log-uniform', got {prior!r}")
        if prior == "log-uniform" and low <= 0:
            raise ValueError(f"{what} with prior 'log-uniform' needs low > 0, not {low}")
        self.prior, self.base, self.name = prior, base, name
        self._kind = kind
        self._check_transform(transform)

    @property
    def bounds(self):
        return (self.low, self.high)

    def engine_spec(self):
        spec = {"type": self._kind, "low": self.low, "high": self.high}
        if self.prior == "log-uniform":
            spec["log"] = True
        return spec

    def __contains__(self, value):
        return isinstance(value, numbers.Real) and self.low <= value <= self.high

    def to_unit(self, values):
        """Values scaled to [0, 1] (in log space for log-uniform): the plots' surrogate input."""
        values = np.asarray(values, dtype=float)
        if self.prior == "log-uniform":
            return (np.log(values) - np.log(self.low)) / (np.log(self.high) - np.log(self.low))
        return (values - self.low) / (self.high - self.low)

    def from_unit(self, units):
        units = np.asarray(units, dtype=float)
        if self.prior == "log-uniform":
            return np.exp(np.log(self.low) + units * (np.log(self.high) - np.log(self.low)))
        return self.low + units * (self.high - self.low)

    def __repr__(self):
        return (f"{type(self).__name__}(low={self.low}, high={self.high}, prior={self.prior!r}, "
                f"transform={self.transform_!r})")


class Real(_Numeric):
    def __init__(self, low, high, prior="uniform", base=10, transform=None, name=None,
                 dtype=float):
        super().__init__(low, high, prior, base, transform, name, "float")
        self.dtype = dtype

    def from_engine(self, value):
        return float(value)

    def to_engine(self, value):
        if value not in self:
            raise ValueError(f"{value!r} is not within the bounds of {self!r}")
        return float(value)

    def rvs(self, n_samples=1, random_state=None):
        units = _random_state(random_state).uniform(size=n_samples)
        return list(self.from_unit(units))


class Integer(_Numeric):
    def __init__(self, low, high, prior="uniform", base=10, transform=None, name=None,
                 dtype=np.int64):
        if int(low) != low or int(high) != high:
            raise ValueError(f"Integer's bounds must be integers, not {low}, {high}")
        super().__init__(int(low), int(high), prior, base, transform, name, "int")
        self.dtype = dtype

    def from_engine(self, value):
        return int(value)

    def to_engine(self, value):
        if value not in self or int(value) != value:
            raise ValueError(f"{value!r} is not an integer within the bounds of {self!r}")
        return int(value)

    def rvs(self, n_samples=1, random_state=None):
        rng = _random_state(random_state)
        if self.prior == "log-uniform":
            return [int(v) for v in np.round(self.from_unit(rng.uniform(size=n_samples)))]
        return [int(v) for v in rng.randint(self.low, self.high + 1, size=n_samples)]


class Categorical(Dimension):
    """The engine draws the index of a category, so categories may be any objects."""

    def __init__(self, categories, prior=None, transform=None, name=None):
        self.categories = tuple(categories)
        if not self.categories:
            raise ValueError("Categorical needs at least one category")
        if prior is not None:
            raise NotImplementedError("Categorical(prior=...): hpo's categoricals draw every "
                                      "category alike; a weighted prior cannot be expressed")
        self.prior, self.name = None, name
        self._check_transform(transform)

    @property
    def bounds(self):
        return self.categories

    def engine_spec(self):
        return {"type": "categorical", "choices": list(range(len(self.categories)))}

    def __contains__(self, value):
        return any(value == category for category in self.categories)

    def from_engine(self, value):
        return self.categories[int(value)]

    def to_engine(self, value):
        for index, category in enumerate(self.categories):
            if value == category:
                return index
        raise ValueError(f"{value!r} is not one of the categories {self.categories}")

    def rvs(self, n_samples=1, random_state=None):
        indices = _random_state(random_state).randint(len(self.categories), size=n_samples)
        return [self.categories[i] for i in indices]

    def __repr__(self):
        shown = self.categories if len(self.categories) <= 7 else \
            self.categories[:3] + ("...",) + self.categories[-3:]
        return f"Categorical(categories={shown}, prior=None)"


def check_dimension(dimension, transform=None):
    """A Dimension from a Dimension, a (low, high[, prior[, base]]) tuple or a list of
    categories, read as scikit-optimize 0.9 reads them."""
    if isinstance(dimension, Dimension):
        return dimension
    if not isinstance(dimension, (list, tuple, np.ndarray)):
        raise ValueError("Dimension has to be a list or tuple.")
    dimension = list(dimension)
    head = dimension[:2]
    if len(dimension) == 1:
        return Categorical(dimension, transform=transform)
    if len(dimension) == 2:
        if any(isinstance(d, (str, bool, np.bool_)) for d in dimension):
            return Categorical(dimension, transform=transform)
        if all(isinstance(d, numbers.Integral) for d in dimension):
            return Integer(*dimension, transform=transform)
        if any(isinstance(d, numbers.Real) for d in dimension):
            return Real(*dimension, transform=transform)
    if len(dimension) == 3:
        if dimension[2] in _PRIORS and any(isinstance(d, int) for d in head):
            return Integer(*dimension, transform=transform)
        if dimension[2] in _PRIORS and any(isinstance(d, (float, int)) for d in head):
            return Real(*dimension, transform=transform)
        return Categorical(dimension, transform=transform)
    if len(dimension) == 4 and dimension[2] == "log-uniform" and isinstance(dimension[3], int):
        if any(isinstance(d, int) for d in head):
            return Integer(*dimension, transform=transform)
        if any(isinstance(d, (float, int)) for d in head):
            return Real(*dimension, transform=transform)
    if len(dimension) > 3:
        return Categorical(dimension, transform=transform)
    raise ValueError(f"Invalid dimension {dimension}. Read the documentation for supported "
                     f"types.")


class Space:
    """The dimensions of a search, and hpo's declared space for them. An unnamed dimension
    i is the hpo parameter "X_i" (its name stays None, as in scikit-optimize)."""

    def __init__(self, dimensions):
        self.dimensions = [check_dimension(dimension) for dimension in dimensions]
        names = [d.name if d.name is not None else f"X_{i}"
                 for i, d in enumerate(self.dimensions)]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"dimension names must be unique, and {duplicates} are not")
        self.parameter_names = names

    @property
    def n_dims(self):
        return len(self.dimensions)

    @property
    def dimension_names(self):
        return [d.name for d in self.dimensions]

    @property
    def bounds(self):
        return [d.bounds for d in self.dimensions]

    @property
    def is_categorical(self):
        return all(isinstance(d, Categorical) for d in self.dimensions)

    def __iter__(self):
        return iter(self.dimensions)

    def __len__(self):
        return self.n_dims

    def __eq__(self, other):
        return isinstance(other, Space) and self.dimensions == other.dimensions

    def __contains__(self, point):
        return len(point) == self.n_dims and all(v in d for v, d in zip(point, self.dimensions))

    def engine_space(self):
        return {name: d.engine_spec() for name, d in zip(self.parameter_names, self.dimensions)}

    def point_of(self, engine_params):
        return [d.from_engine(engine_params[name])
                for name, d in zip(self.parameter_names, self.dimensions)]

    def engine_params_of(self, point):
        if len(point) != self.n_dims:
            raise ValueError(f"a point of {len(point)} values for a space of {self.n_dims} "
                             f"dimensions")
        return {name: d.to_engine(v)
                for name, d, v in zip(self.parameter_names, self.dimensions, point)}

    def rvs(self, n_samples=1, random_state=None):
        rng = _random_state(random_state)
        columns = [d.rvs(n_samples, rng) for d in self.dimensions]
        return [list(row) for row in zip(*columns)]

    def __repr__(self):
        return "Space([" + ",\n       ".join(repr(d) for d in self.dimensions) + "])"
