"""One labelled hyperparameter (what an hp.* call returns): how Hyperopt draws it, and the
hpo parameter that stands for it in the engine.

Each maps onto a distribution of the same shape; what differs is stated here and in
bindings/python/README.md ("Hyperopt and scikit-optimize"):
- q-distributions (quniform, qloguniform, qnormal, qlognormal, uniformint) are Hyperopt's
  generative process itself: the engine draws the continuous value and it is rounded to
  round(x / q) * q, so values lie on Hyperopt's grid with Hyperopt's probabilities.
- normal and lognormal are unbounded in Hyperopt; hpo needs bounds, so they are truncated at
  mu +- 6 sigma, where Hyperopt would go beyond once in 500 million draws.
- pchoice becomes an int parameter over a grid of equally likely buckets, as many per option
  as its probability needs (probabilities with a denominator up to 1000, or an error).
"""

import fractions
import math
import numbers

import numpy as np

from .pyll.base import Expr, quantize

TRUNCATION_SIGMAS = 6.0
_MAX_PCHOICE_BUCKETS = 1000


def _number(value, label, field):
    if isinstance(value, Expr):
        raise TypeError(f"hyperparameter {label!r}: {field} must be a number; hpo cannot "
                        f"make one hyperparameter's bound depend on another's value")
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
        raise TypeError(f"hyperparameter {label!r}: {field} must be a finite number, not "
                        f"{value!r}")
    return float(value)


def _label(label):
    if not isinstance(label, str) or not label:
        raise TypeError(f"a hyperparameter's label must be a non-empty str, not {label!r}")
    return label


def _buckets(label, probabilities):
    """Bucket counts per option so that equally likely buckets give each its probability."""
    fractions_ = []
    for index, p in enumerate(probabilities):
        p = _number(p, label, f"probability {index}")
        if p < 0:
            raise ValueError(f"hyperparameter {label!r}: probability {index} ({p}) is negative")
        fraction = fractions.Fraction(p).limit_denominator(_MAX_PCHOICE_BUCKETS)
        if abs(float(fraction) - p) > 1e-9:
            raise ValueError(f"hyperparameter {label!r}: hpo draws pchoice from equally likely "
                             f"buckets, and probability {p} needs more than "
                             f"{_MAX_PCHOICE_BUCKETS} of them")
        fractions_.append(fraction)
    if abs(float(sum(fractions_)) - 1.0) > 1e-9:
        raise ValueError(f"hyperparameter {label!r}: pchoice probabilities sum to "
                         f"{float(sum(fractions_))}, not 1")
    denominator = math.lcm(*(f.denominator for f in fractions_))
    return [int(f * denominator) for f in fractions_]


class Hyperparameter(Expr):
    """dist is one of "choice", "pchoice", "uniform", "loguniform", "normal", "lognormal",
    "randint"; q rounds a continuous one; integer applies int() to its value (uniformint)."""

    def __init__(self, label, dist, *, low=None, high=None, mu=None, sigma=None, q=None,
                 options=None, probabilities=None, integer=False):
        self.label = _label(label)
        self.dist = dist
        self.low, self.high, self.mu, self.sigma = low, high, mu, sigma
        self.q = None if q is None else _number(q, label, "q")
        if self.q is not None and self.q <= 0:
            raise ValueError(f"hyperparameter {label!r}: q ({self.q}) must be > 0")
        self.options = options
        self.integer = integer
        self.buckets = None if probabilities is None else _buckets(label, probabilities)
        self.probabilities = probabilities

    # -- the engine's side -------------------------------------------------------------------

    def engine_spec(self):
        """The hpo parameter (JSON form) whose value decode() turns into Hyperopt's."""
        if self.dist == "choice":
            return {"type": "categorical", "choices": list(range(len(self.options)))}
        if self.dist == "pchoice":
            return {"type": "int", "low": 0, "high": sum(self.buckets) - 1}
        if self.dist == "randint":
            return {"type": "int", "low": int(self.low), "high": int(self.high) - 1}
        if self.dist == "uniform":
            return {"type": "float", "low": self.low, "high": self.high}
        if self.dist == "loguniform":
            return {"type": "float", "low": math.exp(self.low), "high": math.exp(self.high),
                    "log": True}
        reach = TRUNCATION_SIGMAS * self.sigma
        prior = {"type": "normal", "mu": self.mu, "sigma": self.sigma}
        if self.dist == "normal":
            return {"type": "float", "low": self.mu - reach, "high": self.mu + reach,
                    "prior": prior}
        return {"type": "float", "low": math.exp(self.mu - reach),
                "high": math.exp(self.mu + reach), "log": True, "prior": prior}

    def option_values(self, index):
        """The engine values of the parent under which option `index` is active."""
        if self.dist == "choice":
            return [index]
        start = sum(self.buckets[:index])
        return list(range(start, start + self.buckets[index]))

    def decode(self, engine_value):
        """The engine's value as Hyperopt records it in trials' "vals"."""
        if self.dist == "choice":
            return int(engine_value)
        if self.dist == "pchoice":
            return int(np.searchsorted(np.cumsum(self.buckets), int(engine_value), side="right"))
        if self.dist == "randint":
            return int(engine_value)
        return float(engine_value) if self.q is None else quantize(engine_value, self.q)

    def encode(self, value):
        """A "vals" value (points_to_evaluate) as the engine value to enqueue."""
        if self.dist in ("choice", "pchoice"):
            count = len(self.options)
            if isinstance(value, bool) or not isinstance(value, numbers.Integral) \
                    or not 0 <= value < count:
                raise ValueError(f"hyperparameter {self.label!r}: {value!r} is not the index "
                                 f"of one of its {count} options")
            return int(value) if self.dist == "choice" else self.option_values(int(value))[0]
        spec = self.engine_spec()
        value = _number(value, self.label, "the value")
        # A q-value at an edge of the grid may lie just outside the bounds it is drawn in.
        inside = min(max(value, spec["low"]), spec["high"])
        drawn = inside if self.q is None else self.decode(inside)
        if drawn != value:
            raise ValueError(f"hyperparameter {self.label!r}: {value!r} cannot be drawn from it")
        return int(inside) if spec["type"] == "int" else inside

    # -- Hyperopt's side ---------------------------------------------------------------------

    def draw(self, rng):
        """One value as Hyperopt draws it (pyll.stochastic.sample), in "vals" form."""
        if self.dist == "choice":
            return int(rng.integers(len(self.options)))
        if self.dist == "pchoice":
            return int(rng.choice(len(self.options), p=np.asarray(self.probabilities, float)))
        if self.dist == "randint":
            return int(rng.integers(int(self.low), int(self.high)))
        if self.dist in ("uniform", "loguniform"):
            value = rng.uniform(self.low, self.high)
        else:
            value = rng.normal(self.mu, self.sigma)
        if self.dist in ("loguniform", "lognormal"):
            value = math.exp(value)
        return float(value) if self.q is None else quantize(value, self.q)

    def value(self, vals_value):
        """What the objective sees for a "vals" value (an option is evaluated by the caller)."""
        return int(vals_value) if self.integer else vals_value

    def children(self):
        return list(self.options or [])

    def __repr__(self):
        return f"hp.{self.dist}({self.label!r})"
