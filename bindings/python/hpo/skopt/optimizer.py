"""scikit-optimize's Optimizer: ask for a point, tell its value, over an hpo study."""

import numbers

import numpy as np

import hpo

from . import _sampler
from .space import Space
from .utils import create_result


def seed_of(random_state):
    """An engine seed from an int, a RandomState or None (a fresh seed)."""
    if random_state is None:
        return None
    if isinstance(random_state, np.random.RandomState):
        return int(random_state.randint(2 ** 31 - 1))
    if isinstance(random_state, numbers.Integral) and not isinstance(random_state, bool):
        return int(random_state)
    raise TypeError(f"random_state must be an int, a numpy RandomState or None, not "
                    f"{random_state!r}")


def _is_2d(x):
    return isinstance(x, (list, tuple, np.ndarray)) and len(x) > 0 \
        and isinstance(x[0], (list, tuple, np.ndarray))


class Optimizer:
    """scikit-optimize's Optimizer. Its models are hpo's sampler (see _sampler for which);
    `models` stays empty. A point asked and not told is a RUNNING trial; ask() again before
    tell gives the same point, as in scikit-optimize."""

    def __init__(self, dimensions, base_estimator="gp", n_random_starts=None,
                 n_initial_points=10, initial_point_generator="random", n_jobs=1,
                 acq_func="gp_hedge", acq_optimizer="auto", random_state=None,
                 model_queue_size=None, acq_func_kwargs=None, acq_optimizer_kwargs=None,
                 noise="gaussian"):
        if n_random_starts is not None:
            n_initial_points = n_random_starts
        if isinstance(n_initial_points, bool) \
                or not isinstance(n_initial_points, numbers.Integral) or n_initial_points < 0:
            raise ValueError(f"n_initial_points must be an int >= 0, not {n_initial_points!r}")
        if acq_optimizer not in ("auto", "sampling", "lbfgs"):
            raise ValueError(f"acq_optimizer must be 'auto', 'sampling' or 'lbfgs', not "
                             f"{acq_optimizer!r}")
        self.space = Space(dimensions)
        self.acq_func = acq_func
        self.acq_func_kwargs = acq_func_kwargs
        self.n_initial_points_ = n_initial_points
        self.rng = random_state if isinstance(random_state, np.random.RandomState) else None
        name, options = _sampler.sampler(base_estimator, int(n_initial_points),
                                         initial_point_generator, acq_func, acq_func_kwargs,
                                         noise)
        self.study = hpo.create_study(space=self.space.engine_space(), sampler=name,
                                      sampler_options=options, seed=seed_of(random_state))
        self.Xi, self.yi, self.models = [], [], []
        self._pending = {}  # tuple(point) -> asked trials not yet told
        self._next = None   # the point ask() gave, until it is told

    def _key(self, point):
        """A hashable form of a point (categories need not be hashable): its engine values."""
        return tuple(self.space.engine_params_of(point).values())

    def _ask_trial(self):
        trial = self.study.ask()
        point = self.space.point_of(trial.params)
        self._pending.setdefault(self._key(point), []).append(trial)
        return point

    def ask(self, n_points=None, strategy="cl_min"):
        """One point (a list of values), or a list of n_points points proposed together;
        points asked and not told count as the best value seen (strategy "cl_min")."""
        if strategy != "cl_min":
            raise NotImplementedError(f"strategy {strategy!r}: hpo's gp sampler is set to "
                                      f"skopt's default, 'cl_min'")
        if n_points is None:
            if self._next is None:
                self._next = self._ask_trial()
            return list(self._next)
        return [self._ask_trial() for _ in range(n_points)]

    def _tell_one(self, point, value):
        if isinstance(value, bool) or not isinstance(value, (numbers.Real, np.number)):
            raise ValueError(f"tell takes a number per point, not {value!r} (hpo has no "
                             f"EIps/PIps: one objective value only)")
        key = self._key(point)
        trials = self._pending.get(key)
        if trials:
            trial = trials.pop(0)
        else:  # a point this optimizer did not propose: recorded as a trial of its own
            self.study.enqueue_trial(self.space.engine_params_of(point))
            trial = self.study.ask()
        if self._next is not None and self._key(self._next) == key:
            self._next = None
        self.study.tell(trial, float(value))
        self.Xi.append(list(point))
        self.yi.append(float(value))

    def tell(self, x, y, fit=True):
        """Records y for point x (or a list of values for a list of points); returns the
        OptimizeResult so far."""
        if _is_2d(x):
            if not isinstance(y, (list, tuple, np.ndarray)) or len(y) != len(x):
                raise ValueError("tell with a list of points needs a list of as many values")
            for point, value in zip(x, y):
                self._check_point(point)
                self._tell_one(list(point), value)
        else:
            self._check_point(x)
            self._tell_one(list(x), y)
        return self.get_result()

    def _check_point(self, point):
        if list(point) not in self.space:
            raise ValueError(f"point {list(point)} is not within the bounds of the space")

    def get_result(self):
        return create_result(self.Xi, self.yi, self.space, self.rng, models=self.models)

    def run(self, func, n_iter=1):
        """Asks, evaluates func and tells n_iter times; returns the OptimizeResult."""
        for _ in range(n_iter):
            x = self.ask()
            self.tell(x, func(x))
        return self.get_result()

    def copy(self, random_state=None):
        raise NotImplementedError("Optimizer.copy: an hpo study cannot be copied; create "
                                  "another Optimizer and tell it the same points")
