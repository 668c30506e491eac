"""fmin: Hyperopt's minimization loop, run by hpo's engine (Study.optimize).

max_evals counts every trial the Trials holds, as in Hyperopt: passing a Trials back runs
max_evals - len(trials) more. With a Trials shared by several processes, each stops once the
study holds max_evals trials (trials already running in other processes still end, so the
total may pass max_evals by at most one per process).
"""

import math
import sys

import numpy as np

from . import _algorithms, _result, base, exceptions
from ._space import CompiledSpace, evaluate, space_eval


class _ReportedFailure(Exception):
    """The objective returned a status other than STATUS_OK: the trial fails, fmin goes on."""


def _seed(rstate):
    if rstate is None:
        return None
    if isinstance(rstate, np.random.Generator):
        return int(rstate.integers(2 ** 31 - 1))
    if isinstance(rstate, np.random.RandomState):
        return int(rstate.randint(2 ** 31 - 1))
    raise TypeError(f"rstate must be a numpy Generator (np.random.default_rng(seed)) or "
                    f"RandomState, not {type(rstate).__name__}")


def _refuse_unsupported(pass_expr_memo_ctrl, trials_save_file, allow_trials_fmin):
    if pass_expr_memo_ctrl:
        raise NotImplementedError("pass_expr_memo_ctrl: the objective receives the space's "
                                  "values; hpo has no pyll memo or Ctrl to hand it")
    if trials_save_file:
        raise NotImplementedError("trials_save_file: use Trials(storage='sqlite:///file.db'), "
                                  "which every trial is written to as it ends")
    if not allow_trials_fmin:
        raise NotImplementedError("allow_trials_fmin=False: hpo's Trials has no fmin of its own")


class _Stopping:
    """fmin's stopping rules checked after each trial: a shared study's max_evals,
    loss_threshold and early_stop_fn."""

    def __init__(self, trials, max_evals, loss_threshold, early_stop_fn):
        self.trials = trials
        self.max_evals = max_evals
        self.loss_threshold = loss_threshold
        self.early_stop_fn = early_stop_fn
        self.early_stop_args = []

    def reached_before(self):
        return self.loss_threshold is not None and self._best_loss() <= self.loss_threshold

    def _best_loss(self):
        try:
            return self.trials.best_trial["result"]["loss"]
        except exceptions.AllTrialsFailed:
            return math.inf

    def __call__(self, study, frozen):
        stop = self.max_evals is not None and len(study) >= self.max_evals
        if self.loss_threshold is not None and frozen.value is not None:
            stop = stop or frozen.value <= self.loss_threshold
        if self.early_stop_fn is not None:
            halt, self.early_stop_args = self.early_stop_fn(self.trials, *self.early_stop_args)
            stop = stop or bool(halt)
        if stop:
            study.stop()


def _objective(fn, compiled, trials, persistent):
    def objective(trial):
        vals = compiled.vals_of(trial.params)
        trial.set_user_attr(base.VALS_ATTR, vals)
        args = evaluate(compiled.space, lambda node: vals[node.label][0])
        loss, result = _result.read(fn(args))
        trials.keep_result(trial.number, result)
        trial.set_user_attr(base.RESULT_ATTR, _result.storable(result, persistent))
        if loss is None:
            raise _ReportedFailure(f"the objective returned status {result['status']!r}")
        return loss  # NaN: the engine fails the trial; Trials still shows STATUS_OK, loss NaN
    return objective


def fmin(fn, space, algo=None, max_evals=None, timeout=None, loss_threshold=None,
         trials=None, rstate=None, allow_trials_fmin=True, pass_expr_memo_ctrl=None,
         catch_eval_exceptions=False, verbose=True, return_argmin=True,
         points_to_evaluate=None, max_queue_len=1, show_progressbar=True, early_stop_fn=None,
         trials_save_file=""):
    """Minimizes fn over space, with Hyperopt's arguments and return value: the best
    trial's {label: value} (a choice as its index), or with return_argmin=False the space
    evaluated there. verbose, show_progressbar and max_queue_len are accepted and have no
    effect (no progress bar is drawn; trials run one at a time, each proposed from every
    trial before it). An exception in fn is raised from fmin unless catch_eval_exceptions."""
    from . import tpe
    _refuse_unsupported(pass_expr_memo_ctrl, trials_save_file, allow_trials_fmin)
    sampler, sampler_options = _algorithms.resolve(tpe.suggest if algo is None else algo)
    compiled = CompiledSpace(space)
    trials = base.Trials() if trials is None else trials
    study = trials.open_study(compiled.engine_space(), sampler, sampler_options, _seed(rstate))
    if points_to_evaluate and len(study) == 0:
        for point in points_to_evaluate:
            study.enqueue_trial(compiled.engine_params_of(point))
    max_evals = sys.maxsize if max_evals is None else max_evals
    remaining = max_evals - len(study)
    stopping = _Stopping(trials, max_evals, loss_threshold, early_stop_fn)
    if remaining > 0 and not stopping.reached_before():
        catch = (_ReportedFailure, Exception) if catch_eval_exceptions else (_ReportedFailure,)
        study.optimize(_objective(fn, compiled, trials, trials._storage is not None),
                       n_trials=None if max_evals == sys.maxsize else remaining,
                       timeout=timeout, catch=catch, callbacks=[stopping])
    if return_argmin:
        if len(trials) == 0:
            raise Exception("There are no evaluation tasks, cannot return argmin of task "
                            "losses.")
        return trials.argmin
    return space_eval(space, trials.argmin) if len(trials) > 0 else None
