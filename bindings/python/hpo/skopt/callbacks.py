"""scikit-optimize's callbacks: called with the OptimizeResult after each evaluation; one
returning True stops the search."""

import time

import numpy as np


def check_callback(callback):
    if callback is None:
        return []
    if callable(callback):
        return [callback]
    callbacks = list(callback)
    for index, item in enumerate(callbacks):
        if not callable(item):
            raise ValueError(f"callback[{index}] must be callable, not {item!r}")
    return callbacks


def eval_callbacks(callbacks, result):
    stop = False
    for callback in callbacks:
        stop = bool(callback(result)) or stop
    return stop


class DeltaYStopper:
    """Stops once the n_best best values lie within delta of each other."""

    def __init__(self, delta, n_best=5):
        self.delta, self.n_best = delta, n_best

    def __call__(self, result):
        if len(result.func_vals) < self.n_best:
            return False
        best = np.sort(result.func_vals)[:self.n_best]
        return best[-1] - best[0] <= self.delta


class DeadlineStopper:
    """Stops once `total_time` seconds have passed since the first call, or when the next
    evaluation, as long as the longest so far, would pass it."""

    def __init__(self, total_time):
        self.total_time = total_time
        self.iter_time = []
        self._start = self._last = None

    def __call__(self, result):
        now = time.monotonic()
        if self._start is None:
            self._start = self._last = now
            return False
        self.iter_time.append(now - self._last)
        self._last = now
        return now - self._start + max(self.iter_time) > self.total_time
