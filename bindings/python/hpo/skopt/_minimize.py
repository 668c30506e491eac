"""gp_minimize, forest_minimize and dummy_minimize: scikit-optimize 0.9's base_minimize loop
(x0 first, then ask / evaluate / tell, callbacks after each) over hpo's Optimizer.

Accepted with no effect, since hpo's samplers decide them: acq_optimizer, n_points,
n_restarts_optimizer, n_jobs (the gp sampler optimizes its acquisition on its own threads),
model_queue_size, verbose (nothing is printed). See _sampler for the estimators' mapping.
"""

import numbers

from .callbacks import check_callback, eval_callbacks
from .optimizer import Optimizer


def _points(x0):
    if x0 is None:
        return []
    if not isinstance(x0, (list, tuple)) or not x0:
        raise ValueError(f"`x0` should be a list, but got {type(x0)}")
    return [list(p) for p in x0] if isinstance(x0[0], (list, tuple)) else [list(x0)]


def _values(y0):
    if y0 is None:
        return None
    if isinstance(y0, numbers.Number):
        return [y0]
    return list(y0)


def base_minimize(func, dimensions, base_estimator, n_calls=100, n_random_starts=None,
                  n_initial_points=10, initial_point_generator="random", acq_func="EI",
                  acq_optimizer="lbfgs", x0=None, y0=None, random_state=None, verbose=False,
                  callback=None, n_points=10000, n_restarts_optimizer=5, xi=0.01, kappa=1.96,
                  n_jobs=1, model_queue_size=None, noise="gaussian"):
    specs = {"args": dict(locals()), "function": "base_minimize"}
    x0, y0 = _points(x0), _values(y0)
    if n_random_starts is not None:
        n_initial_points = n_random_starts
    if n_initial_points <= 0 and not x0:
        raise ValueError("Either set `n_initial_points` > 0, or provide `x0`")
    required_calls = n_initial_points + (len(x0) if not y0 else 0)
    if n_calls < required_calls:
        raise ValueError(f"Expected `n_calls` >= {required_calls}, got {n_calls}")
    optimizer = Optimizer(dimensions, base_estimator,
                          n_initial_points=n_initial_points + len(x0),
                          initial_point_generator=initial_point_generator, n_jobs=n_jobs,
                          acq_func=acq_func, acq_optimizer=acq_optimizer,
                          random_state=random_state, acq_func_kwargs={"xi": xi, "kappa": kappa},
                          noise=noise)
    if any(len(point) != optimizer.space.n_dims for point in x0):
        raise RuntimeError(f"Optimization space ({optimizer.space}) and initial points in x0 "
                           f"use inconsistent dimensions.")
    callbacks = check_callback(callback)
    result = None
    if x0 and y0 is None:
        # Each x0 point is evaluated as its own trial, in order: the study's first trials.
        y0 = []
        for point in x0:
            y0.append(func(point))
            result = optimizer.tell(point, y0[-1])
        n_calls -= len(y0)
    elif x0:
        if len(x0) != len(y0):
            raise ValueError("`x0` and `y0` should have the same length")
        result = optimizer.tell(x0, y0)
    if x0:
        result.specs = specs
        if eval_callbacks(callbacks, result):
            return result
    for _ in range(n_calls):
        next_x = optimizer.ask()
        next_y = func(next_x)
        result = optimizer.tell(next_x, next_y)
        result.specs = specs
        if eval_callbacks(callbacks, result):
            break
    return result


def gp_minimize(func, dimensions, base_estimator=None, n_calls=100, n_random_starts=None,
                n_initial_points=10, initial_point_generator="random", acq_func="gp_hedge",
                acq_optimizer="auto", x0=None, y0=None, random_state=None, verbose=False,
                callback=None, n_points=10000, n_restarts_optimizer=5, xi=0.01, kappa=1.96,
                noise="gaussian", n_jobs=1, model_queue_size=None):
    """Bayesian optimization with hpo's gp sampler (acq_func "gp_hedge" runs EI)."""
    return base_minimize(func, dimensions, "GP" if base_estimator is None else base_estimator,
                         n_calls=n_calls, n_random_starts=n_random_starts,
                         n_initial_points=n_initial_points,
                         initial_point_generator=initial_point_generator, acq_func=acq_func,
                         acq_optimizer=acq_optimizer, x0=x0, y0=y0, random_state=random_state,
                         verbose=verbose, callback=callback, n_points=n_points,
                         n_restarts_optimizer=n_restarts_optimizer, xi=xi, kappa=kappa,
                         n_jobs=n_jobs, model_queue_size=model_queue_size, noise=noise)


def forest_minimize(func, dimensions, base_estimator="ET", n_calls=100, n_random_starts=None,
                    n_initial_points=10, acq_func="EI", initial_point_generator="random",
                    x0=None, y0=None, random_state=None, verbose=False, callback=None,
                    n_points=10000, xi=0.01, kappa=1.96, n_jobs=1, model_queue_size=None):
    """Sequential model-based optimization; hpo has no forest sampler and runs TPE."""
    return base_minimize(func, dimensions, base_estimator, n_calls=n_calls,
                         n_random_starts=n_random_starts, n_initial_points=n_initial_points,
                         initial_point_generator=initial_point_generator, acq_func=acq_func,
                         x0=x0, y0=y0, random_state=random_state, verbose=verbose,
                         callback=callback, n_points=n_points, xi=xi, kappa=kappa,
                         n_jobs=n_jobs, model_queue_size=model_queue_size)


def dummy_minimize(func, dimensions, n_calls=100, initial_point_generator="random", x0=None,
                   y0=None, random_state=None, verbose=False, callback=None,
                   model_queue_size=None, init_point_gen_kwargs=None):
    """Random search, with hpo's random sampler."""
    # Every call is a random point, but for the x0 points evaluated first.
    n_initial_points = n_calls - len(_points(x0)) if x0 is not None and y0 is None else n_calls
    return base_minimize(func, dimensions, "dummy", n_calls=n_calls,
                         n_initial_points=n_initial_points,
                         initial_point_generator=initial_point_generator,
                         x0=x0, y0=y0, random_state=random_state, verbose=verbose,
                         callback=callback, model_queue_size=model_queue_size)
