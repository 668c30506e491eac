"""Study.optimize: a Python objective driven by the engine's loop (hpo_study_optimize).

The objective is handed to the engine as a ctypes callback. ctypes releases the GIL while
the engine runs and takes it again for each call back, so with n_jobs > 1 the engine's
thread runner evaluates trials in parallel threads and Python code stays correct (objectives
that release the GIL themselves, such as numpy and scikit-learn, then truly overlap).

Exceptions follow Optuna: the trial whose objective raised ends FAIL with the exception as
its message; exceptions of a type in `catch` let the study go on, any other one stops the
study (no new trial starts) and is raised again from optimize() once the running trials end.
TrialPruned ends the trial PRUNED.

Callbacks get (study, frozen_trial) for every trial this run evaluated, once the engine has
recorded it: hpo.h has no hook after a trial is told, so a trial's callbacks run before the
same worker's next objective call starts, and the last ones before optimize() returns.
A callback that calls study.stop() therefore lets the trial already started finish.
Reading the finished trials back reads the study's whole trial list (hpo.h has no
single-trial getter), so with callbacks each trial costs time that grows with the study.
"""

import threading

from . import _capi, _lib
from ._errors import Status, TrialPruned
from .trial import Trial


def values_of(result):
    """The objective values in `result`: one number, or a sequence of numbers."""
    if hasattr(result, "__iter__") and not isinstance(result, (str, bytes)):
        return [float(value) for value in result]
    return [float(result)]


def run_options(n_trials, timeout, n_jobs, catch):
    """hpo_study_optimize's options JSON; n_jobs -1 means every core, as the engine reads it."""
    options = {"n_jobs": int(n_jobs), "catch": bool(catch)}
    if n_trials is not None:
        options["n_trials"] = int(n_trials)
    if timeout is not None:
        options["timeout"] = float(timeout)
    return _capi.to_json(options)


def _describe(error):
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


class Optimization:
    """One call of Study.optimize."""

    def __init__(self, study, objective, callbacks, catch):
        self._study = study
        self._objective = objective
        self._callbacks = list(callbacks or [])
        self._catch = tuple(catch) if isinstance(catch, (list, tuple, set)) else (catch,)
        self._error = None           # the first exception that must leave optimize()
        self._error_lock = threading.Lock()
        self._evaluated = set()      # numbers of the trials this run handed to the objective
        self._delivered = set()      # ... and those already given to the callbacks
        self._callback_lock = threading.Lock()

    def run(self, n_trials, timeout, n_jobs):
        # Failures are sorted out here, by type (see the module's doc), so the engine goes on.
        options = run_options(n_trials, timeout, n_jobs, catch=True)
        # Kept alive in this frame for as long as the engine may call it.
        callback = _lib.OBJECTIVE_FN(self._evaluate)
        status = _lib.lib().hpo_study_optimize(self._study._handle, callback, options, None)
        if self._error is not None:
            raise self._error  # the objective's own exception says more than the engine's
        _capi.check(status)
        self._deliver_callbacks()

    def _abort(self, error):
        """Keeps the first error to re-raise, and lets no new trial start."""
        with self._error_lock:
            if self._error is None:
                self._error = error
        self._study.stop()

    def _evaluate(self, trial_handle, out_values, n_values, _user_data):
        # Nothing may leave a ctypes callback: ctypes would print it and return 0 (success).
        try:
            return self._evaluate_trial(trial_handle, out_values, n_values)
        except BaseException as error:
            self._abort(error)
            return int(Status.EUSER)

    def _evaluate_trial(self, trial_handle, out_values, n_values):
        trial = Trial(trial_handle, self._study)
        try:
            self._evaluated.add(trial.number)
            try:
                if self._error is None:
                    self._deliver_callbacks()
            except BaseException as error:
                trial._set_failure(f"a callback raised {_describe(error)}")
                raise
            return self._run_objective(trial, out_values, n_values)
        finally:
            trial._handle.close()  # the engine frees the handle once this returns

    def _run_objective(self, trial, out_values, n_values):
        try:
            result = self._objective(trial)
        except TrialPruned:
            return int(Status.PRUNED)
        except BaseException as error:
            trial._set_failure(_describe(error))
            if not isinstance(error, self._catch):
                self._abort(error)
            return int(Status.EUSER)
        try:
            values = values_of(result)
        except (TypeError, ValueError):
            trial._set_failure(f"the objective returned {result!r}, which is not a number "
                               f"or a sequence of numbers")
            return int(Status.EUSER)
        if len(values) != n_values:
            trial._set_failure(f"the objective returned {len(values)} values for a study of "
                               f"{n_values} objectives")
            return int(Status.EUSER)
        for index, value in enumerate(values):
            out_values[index] = value
        # A NaN value is passed on as it is: the engine fails the trial and says why.
        return int(Status.OK)

    def _deliver_callbacks(self):
        """Calls the callbacks with every trial of this run the engine has finished and
        they have not seen yet, in order of number, one call at a time."""
        if not self._callbacks:
            return
        with self._callback_lock:
            for frozen in self._study.get_trials():
                if (frozen.number in self._evaluated and frozen.state.is_finished()
                        and frozen.number not in self._delivered):
                    self._delivered.add(frozen.number)
                    for callback in self._callbacks:
                        callback(self._study, frozen)
