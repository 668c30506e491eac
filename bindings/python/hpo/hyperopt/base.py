"""Hyperopt's Trials over an hpo study, and the status and job-state constants.

A Trials holds no history of its own: every view (trials, results, losses(), vals, ...) is
read from the study, so a Trials(storage="sqlite:///x.db") shows what every process sharing
that study has done, and survives a restart. Each trial keeps Hyperopt's record of it in two
user attributes: "hyperopt_vals" ({label: [value] or []}) and "hyperopt_result" (the
objective's dict, JSON-able keys).
"""

import datetime
import math

import hpo

from . import exceptions

STATUS_NEW = "new"
STATUS_RUNNING = "running"
STATUS_SUSPENDED = "suspended"
STATUS_OK = "ok"
STATUS_FAIL = "fail"
STATUS_STRINGS = (STATUS_NEW, STATUS_RUNNING, STATUS_SUSPENDED, STATUS_OK, STATUS_FAIL)

JOB_STATE_NEW = 0
JOB_STATE_RUNNING = 1
JOB_STATE_DONE = 2
JOB_STATE_ERROR = 3
JOB_STATE_CANCEL = 4
JOB_STATES = (JOB_STATE_NEW, JOB_STATE_RUNNING, JOB_STATE_DONE, JOB_STATE_ERROR,
              JOB_STATE_CANCEL)

VALS_ATTR = "hyperopt_vals"
RESULT_ATTR = "hyperopt_result"
DEFAULT_EXP_KEY = "hyperopt"


def _stored_result(frozen):
    """The objective's result as recorded, with the loss the engine holds (NaN is kept as
    null in JSON, and read back as NaN)."""
    result = dict(frozen.user_attrs.get(RESULT_ATTR) or {})
    if "loss" in result and result["loss"] is None:
        result["loss"] = math.nan
    if frozen.state == hpo.TrialState.COMPLETE:
        result.setdefault("status", STATUS_OK)
        result["loss"] = frozen.value
    return result


def _state_and_result(frozen, cached):
    state = frozen.state
    if state == hpo.TrialState.WAITING:
        return JOB_STATE_NEW, {"status": STATUS_NEW}
    if state == hpo.TrialState.RUNNING:
        return JOB_STATE_RUNNING, {"status": STATUS_NEW}
    if state == hpo.TrialState.PRUNED:
        return JOB_STATE_CANCEL, {"status": STATUS_FAIL, "loss": frozen.value}
    result = cached if cached is not None else _stored_result(frozen)
    if state == hpo.TrialState.FAIL and "status" not in result:
        return JOB_STATE_ERROR, {"status": STATUS_NEW}  # the objective raised
    return JOB_STATE_DONE, result


def trial_document(frozen, labels, cached):
    """One trial in Hyperopt's document form (what Trials.trials lists)."""
    vals = dict(frozen.user_attrs.get(VALS_ATTR) or {})
    vals = {label: list(vals.get(label, [])) for label in labels} if labels else vals
    tid = frozen.number
    state, result = _state_and_result(frozen, cached)
    misc = {"tid": tid, "cmd": ("domain_attachment", "FMinIter_Domain"), "workdir": None,
            "idxs": {label: [tid] if value else [] for label, value in vals.items()},
            "vals": vals}
    if state == JOB_STATE_ERROR:
        misc["error"] = tuple(frozen.message.split(": ", 1)) if ": " in frozen.message \
            else ("Exception", frozen.message)
    return {"state": state, "tid": tid, "spec": None, "result": result, "misc": misc,
            "exp_key": None, "owner": None, "version": 0,
            "book_time": frozen.datetime_start,
            "refresh_time": frozen.datetime_complete
            or datetime.datetime.now(datetime.timezone.utc)}


class Trials:
    """Hyperopt's Trials. Trials() keeps the search in memory; Trials(storage=URL) keeps it
    in an hpo storage ("sqlite:///x.db", "journal:///x.log") under the
    name exp_key, where several processes running fmin share it (MongoTrials' role) and a
    restarted one finds it again."""

    def __init__(self, exp_key=None, refresh=True, storage=None):
        self._exp_key = exp_key
        self._storage = storage
        self._study = None
        self._sampler = None
        self._engine_space = None
        self._labels = None
        self._results = {}  # trial number -> the objective's own dict, for this process
        if storage is not None:
            try:
                self._study = hpo.load_study(self.study_name, storage)
            except hpo.NotFound:
                pass  # the first fmin creates it
            else:
                self._labels = list(self._study.info["space"])

    @property
    def study_name(self):
        return self._exp_key or DEFAULT_EXP_KEY

    @property
    def study(self):
        """The hpo study behind these trials (None before the first fmin)."""
        return self._study

    def __getstate__(self):
        raise TypeError("a Trials cannot be pickled: its history lives in an hpo study; use "
                        "Trials(storage='sqlite:///trials.db') to keep it across runs")

    # -- what fmin uses ---------------------------------------------------------------------

    def open_study(self, engine_space, sampler, sampler_options, seed):
        """The study fmin runs: created on first use, reopened (with this fmin's sampler)
        from a storage, or the same one in memory."""
        if self._storage is None and self._study is not None:
            if engine_space != self._engine_space:
                raise ValueError("this Trials holds a search over another space; use a new "
                                 "Trials for a new space")
            if (sampler, sampler_options) != self._sampler:
                raise ValueError(f"this Trials was searched with the {self._sampler[0]!r} "
                                 f"sampler {self._sampler[1]}; an in-memory hpo study keeps "
                                 f"its sampler, so continue with the same algo")
            return self._study
        self._study = hpo.create_study(space=engine_space, sampler=sampler,
                                       sampler_options=sampler_options,
                                       storage=self._storage, study_name=self.study_name,
                                       load_if_exists=True, seed=seed)
        self._sampler = (sampler, sampler_options)
        self._engine_space = engine_space
        self._labels = list(engine_space)
        return self._study

    def keep_result(self, number, result):
        self._results[number] = result

    # -- Hyperopt's views -------------------------------------------------------------------

    @property
    def trials(self):
        if self._study is None:
            return []
        return [trial_document(frozen, self._labels, self._results.get(frozen.number))
                for frozen in self._study.trials]

    @property
    def _dynamic_trials(self):
        return self.trials

    def refresh(self):
        """Nothing to do: every view reads the study."""

    def __len__(self):
        return 0 if self._study is None else len(self._study)

    def __iter__(self):
        return iter(self.trials)

    def __getitem__(self, index):
        return self.trials[index]

    @property
    def tids(self):
        return [trial["tid"] for trial in self.trials]

    @property
    def specs(self):
        return [trial["spec"] for trial in self.trials]

    @property
    def results(self):
        return [trial["result"] for trial in self.trials]

    @property
    def miscs(self):
        return [trial["misc"] for trial in self.trials]

    @property
    def idxs_vals(self):
        idxs, vals = {}, {}
        for misc in self.miscs:
            for label, values in misc["vals"].items():
                idxs.setdefault(label, []).extend(misc["idxs"][label])
                vals.setdefault(label, []).extend(values)
        return idxs, vals

    @property
    def idxs(self):
        return self.idxs_vals[0]

    @property
    def vals(self):
        return self.idxs_vals[1]

    def losses(self, bandit=None):
        return [result.get("loss") for result in self.results]

    def statuses(self, bandit=None):
        return [result.get("status") for result in self.results]

    def count_by_state_unsynced(self, arg):
        states = (arg,) if isinstance(arg, int) else tuple(arg)
        return sum(1 for trial in self.trials if trial["state"] in states)

    @property
    def best_trial(self):
        """The trial with the lowest loss that is a number among those with STATUS_OK (the
        first such on ties); AllTrialsFailed when there is none."""
        candidates = [trial for trial in self.trials
                      if trial["result"].get("status") == STATUS_OK
                      and not math.isnan(trial["result"]["loss"])]
        if not candidates:
            raise exceptions.AllTrialsFailed
        return min(candidates, key=lambda trial: float(trial["result"]["loss"]))

    @property
    def argmin(self):
        """The best trial's values {label: value}, inactive labels left out, a choice as
        the index of its option."""
        return {label: values[0] for label, values in self.best_trial["misc"]["vals"].items()
                if values}

    def average_best_error(self, bandit=None):
        """The best STATUS_OK trial's "true_loss" (or loss)."""
        result = self.best_trial["result"]
        return result.get("true_loss", result["loss"])
