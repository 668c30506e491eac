"""OptimizeResult, use_named_args, and dump/load of a result (joblib, as scikit-optimize)."""

import copy
import functools

import numpy as np
from scipy.optimize import OptimizeResult


def create_result(Xi, yi, space=None, rng=None, specs=None, models=None):
    """scikit-optimize's result: x and fun of the best point, x_iters and func_vals of all."""
    result = OptimizeResult()
    yi = np.asarray(yi, dtype=float)
    if len(yi):
        best = int(np.argmin(yi))
        result.x, result.fun = list(Xi[best]), float(yi[best])
    else:
        result.x, result.fun = None, None
    result.func_vals = yi
    result.x_iters = [list(x) for x in Xi]
    result.models = list(models or [])
    result.space = space
    result.random_state = rng
    result.specs = specs
    return result


def use_named_args(dimensions):
    """Wraps func(**{name: value}) as func(x) for a list x of values in dimension order."""
    def decorator(function):
        @functools.wraps(function)
        def wrapper(x):
            if len(x) != len(dimensions):
                raise ValueError(f"Mismatch in number of search-space dimensions. "
                                 f"len(dimensions)=={len(dimensions)} and len(x)=={len(x)}")
            return function(**{dimension.name: value for dimension, value in zip(dimensions, x)})
        return wrapper
    unnamed = [i for i, dimension in enumerate(dimensions) if dimension.name is None]
    if unnamed:
        raise ValueError(f"use_named_args needs every dimension named; {unnamed} are not")
    return decorator


def dump(res, filename, store_objective=True, **kwargs):
    """Writes res with joblib; store_objective=False leaves the objective out (for one that
    cannot be pickled)."""
    import joblib
    if not store_objective and res.specs is not None and "func" in res.specs.get("args", {}):
        res = copy.deepcopy(res)
        del res.specs["args"]["func"]
    joblib.dump(res, filename, **kwargs)


def load(filename, **kwargs):
    import joblib
    return joblib.load(filename, **kwargs)
