"""Study.optimize: a Python objective driven by the engine's loop (hpo_study_optimize).

The objective is handed to the engine as a ctypes callback. ctypes releases the GIL while
the engine runs and takes it again for each call back, so with n_jobs > 1 the engine's
thread runner evaluates trials in parallel threads and Python code stays correct (objectives
that release the GIL themselves, such as numpy and scikit-learn, then truly overlap).

Exceptions follow Optuna: the trial whose objective raised ends FAIL with the exception as
its message; exceptions of a type in `catch` let the study go on, any other one stops the
study (no new trial starts) and is raised again from optimize() once the running trials end.
TrialPruned ends the trial PRUNED.

Callbacks get (study, frozen_trial) for every trial this run ends, right after the engine
has recorded it (hpo_study_set_trial_end_callback), in the thread that ran the trial, one
callback call at a time; a callback that calls study.stop() lets no further trial start.
"""

import threading

from . import _capi, _check, _lib
from ._errors import Status, TrialPruned
from .frozen import TrialState
from .trial import Trial


def run_options(n_trials, timeout, n_jobs, catch, trial_timeout):
    """hpo_study_optimize's options JSON; n_jobs -1 means every core, as the engine reads it.
    Ranges are the engine's to check; the types are checked here, naming the argument."""
    options = {
        "n_trials": _check.integer(n_trials, "n_trials", optional=True),
        "timeout": _check.seconds(timeout, "timeout"),
        "trial_timeout": _check.seconds(trial_timeout, "trial_timeout"),
        "n_jobs": _check.integer(n_jobs, "n_jobs"),
        "catch": catch,
    }
    # Unset keys are left out so that the engine applies its documented defaults.
    return _check.json_text({key: value for key, value in options.items() if value is not None},
                            "optimize options")


def _describe(error):
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


class Optimization:
    """One call of Study.optimize."""

    def __init__(self, study, objective, callbacks, catch, processes=False):
        self._study = study
        self._objective = _check.function(objective, "objective")
        self._in_processes = processes
        if processes:
            from . import _processes  # here: multiprocessing is a tenth of `import hpo`
            self._objective = _processes.ProcessObjective(self._objective)
        self._callbacks = [_check.function(callback, f"callbacks[{index}]") for index, callback
                           in enumerate(_check.items(callbacks, "callbacks", optional=True) or [])]
        self._catch = _check.exception_types(catch, "catch")
        if processes:
            self._catch += (_processes.WorkerCrashed,)  # a worker's death fails its trial alone
        self._error = None           # the first exception that must leave optimize()
        self._error_lock = threading.Lock()
        self._callback_lock = threading.Lock()

    def run(self, n_trials, timeout, n_jobs, trial_timeout):
        # Failures are sorted out here, by type (see the module's doc), so the engine goes on.
        options = run_options(n_trials, timeout, n_jobs, True, trial_timeout)
        # Kept alive in this frame for as long as the engine may call it.
        callback = _lib.OBJECTIVE_FN(self._evaluate)
        on_end = _lib.TRIAL_END_FN(self._trial_ended)
        if self._callbacks:
            _capi.check(_lib.lib().hpo_study_set_trial_end_callback(self._study._handle, on_end, None))
        try:
            status = _lib.lib().hpo_study_optimize(self._study._handle, callback, options, None)
        finally:
            if self._in_processes:
                self._objective.close()
            if self._callbacks:
                _lib.lib().hpo_study_set_trial_end_callback(self._study._handle,
                                                            _lib.TRIAL_END_FN(), None)
        if self._error is not None:
            raise self._error  # the objective's own exception says more than the engine's
        _capi.check(status)

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
            if not isinstance(error, self._catch) and not self._ended_by_engine(trial):
                self._abort(error)
            return int(Status.EUSER)
        try:
            values = _check.numbers_of(result, "the objective's result")
        except TypeError as error:
            trial._set_failure(str(error))
            return int(Status.EUSER)
        if len(values) != n_values:
            trial._set_failure(f"the objective returned {len(values)} values for a study of "
                               f"{n_values} objectives")
            return int(Status.EUSER)
        for index, value in enumerate(values):
            out_values[index] = value
        # NaN and infinities are passed on as they are: the engine decides what they mean.
        return int(Status.OK)

    def _ended_by_engine(self, trial):
        """Whether the engine ended the trial while its objective ran (a parameter asked for
        against the study's definition, its trial_timeout): the error the objective met then
        is that trial's failure, not the study's."""
        return self._study._trial(trial.number).state != TrialState.RUNNING

    def _trial_ended(self, number, _state, _user_data):
        """Gives the callbacks the trial the engine has just recorded, one call at a time.
        Nothing may leave a ctypes callback: a callback's exception stops the study and is
        raised again from optimize()."""
        try:
            with self._callback_lock:
                if self._error is not None:
                    return
                frozen = self._study._trial(number)
                for callback in self._callbacks:
                    callback(self._study, frozen)
        except BaseException as error:
            self._abort(error)
