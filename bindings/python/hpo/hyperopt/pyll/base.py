"""The expression graph a search space is made of: hyperparameters (hp.*) and the functions
applied to them (scope.int, arithmetic), with Hyperopt's pyll names."""

import math
import operator

import numpy as np


class Expr:
    """A node whose value is known only once its hyperparameters are drawn. Arithmetic on
    nodes builds new nodes, as pyll's Apply does."""

    def __add__(self, other):
        return Apply(operator.add, self, other)

    def __radd__(self, other):
        return Apply(operator.add, other, self)

    def __sub__(self, other):
        return Apply(operator.sub, self, other)

    def __rsub__(self, other):
        return Apply(operator.sub, other, self)

    def __mul__(self, other):
        return Apply(operator.mul, self, other)

    def __rmul__(self, other):
        return Apply(operator.mul, other, self)

    def __truediv__(self, other):
        return Apply(operator.truediv, self, other)

    def __rtruediv__(self, other):
        return Apply(operator.truediv, other, self)

    def __floordiv__(self, other):
        return Apply(operator.floordiv, self, other)

    def __pow__(self, other):
        return Apply(operator.pow, self, other)

    def __rpow__(self, other):
        return Apply(operator.pow, other, self)

    def __neg__(self):
        return Apply(operator.neg, self)


class Apply(Expr):
    """fn(*args, **kwargs) evaluated on the values of its arguments."""

    def __init__(self, fn, *args, **kwargs):
        self.fn = fn
        self.args = args
        self.kwargs = kwargs

    def children(self):
        return list(self.args) + list(self.kwargs.values())

    def __repr__(self):
        return f"Apply({getattr(self.fn, '__name__', self.fn)})"


class _Scope:
    """pyll's `scope`: the functions search spaces apply to hyperparameters."""

    @staticmethod
    def int(value):
        return Apply(int, value)

    @staticmethod
    def float(value):
        return Apply(float, value)

    @staticmethod
    def round(value):
        return Apply(round, value)

    @staticmethod
    def exp(value):
        return Apply(math.exp, value)

    @staticmethod
    def log(value):
        return Apply(math.log, value)

    @staticmethod
    def minimum(a, b):
        return Apply(min, a, b)

    @staticmethod
    def maximum(a, b):
        return Apply(max, a, b)

    @staticmethod
    def define(fn):
        """Registers fn so that scope.<name>(...) applies it to drawn values."""
        def applied(*args, **kwargs):
            return Apply(fn, *args, **kwargs)
        setattr(_Scope, fn.__name__, staticmethod(applied))
        return fn


scope = _Scope()


def quantize(value, q):
    """Hyperopt's rounding of a q-distribution: round(value / q) * q."""
    return float(np.round(value / q) * q)
