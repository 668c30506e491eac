"""A running trial: define-by-run suggestions, intermediate values, user attributes."""

import ctypes
import math

from . import _capi, _check, _lib
from ._errors import StateError


class TrialHandle:
    """The hpo_trial pointer, shared by a Trial and the study that asked it, so that whoever
    ends the trial (tell, the end of an objective, the study's finalizer) closes it for all."""

    def __init__(self, pointer):
        self.pointer = pointer

    def live(self, number):
        if self.pointer is None:
            raise StateError(f"trial {number} has finished: its handle is closed")
        return self.pointer

    def close(self):
        pointer, self.pointer = self.pointer, None
        return pointer


class Trial:
    """One running trial, over an hpo_trial handle.

    A trial handed to an objective by Study.optimize belongs to the engine and is closed when
    the objective returns; one from Study.ask belongs to the study until Study.tell. A closed
    trial refuses every call (the handle is gone), with a StateError.
    """

    def __init__(self, pointer, study):
        self._handle = TrialHandle(pointer)
        self._study = study
        self.number = _lib.lib().hpo_trial_number(pointer)
        self._id = _lib.lib().hpo_trial_id(pointer)

    def _live(self):
        return self._handle.live(self.number)

    @property
    def study(self):
        return self._study

    def suggest_float(self, name, low, high, *, step=None, log=False):
        """A float in [low, high], in log space if `log`, on a grid of `step` if given."""
        out = ctypes.c_double()
        _capi.check(_lib.lib().hpo_trial_suggest_float(
            self._live(), _encoded_name(name), _check.real(low, "low"),
            _check.real(high, "high"), int(_check.boolean(log, "log")),
            _check.real(step, "step", optional=True) or 0.0, ctypes.byref(out)))
        return out.value

    def suggest_int(self, name, low, high, *, step=1, log=False):
        """An integer in [low, high], on the grid low, low + step, ... (log: step 1)."""
        out = ctypes.c_int64()
        _capi.check(_lib.lib().hpo_trial_suggest_int(
            self._live(), _encoded_name(name), _check.int64(low, "low"),
            _check.int64(high, "high"), int(_check.boolean(log, "log")),
            _check.int64(step, "step"), ctypes.byref(out)))
        return out.value

    def suggest_categorical(self, name, choices):
        """One of `choices` (JSON-able values), returned as the object the caller passed."""
        name = _encoded_name(name)
        choices = _check.items(choices, "choices")
        out = ctypes.c_int64()
        _capi.check(_lib.lib().hpo_trial_suggest_categorical(
            self._live(), name, _check.json_text(choices, "choices"), ctypes.byref(out)))
        return choices[out.value]

    def suggest(self, name, distribution):
        """Any distribution in the space's JSON form, e.g. {"type": "float", "low": 0,
        "high": 1, "condition": {"kernel": ["rbf"]}}. None when the condition leaves the
        parameter inactive; a categorical's choice, an int or a float otherwise."""
        name = _encoded_name(name)
        distribution = _check.mapping(distribution, "distribution")
        out = ctypes.c_double()
        _capi.check(_lib.lib().hpo_trial_suggest(
            self._live(), name, _check.json_text(distribution, "distribution"),
            ctypes.byref(out)))
        return _external(distribution, out.value)

    @property
    def params(self):
        """The parameters chosen so far, {name: value} with categorical choices themselves."""
        return _capi.call_json(_lib.lib().hpo_trial_params_json, self._live())

    def report(self, value, step):
        """Records an intermediate value (for pruning) at `step`: any number, as an
        objective may return (a NumPy scalar, a one-element tensor). NaN is passed on as it
        is: the engine records it, and schedulers count it as the worst value."""
        _capi.check(_lib.lib().hpo_trial_report(
            self._live(), _check.int64(step, "step"), _check.number(value, "value"), None))

    def should_prune(self):
        """Whether the study's scheduler wants this trial stopped; raise TrialPruned then."""
        out = ctypes.c_int32()
        _capi.check(_lib.lib().hpo_trial_should_prune(self._live(), ctypes.byref(out)))
        return bool(out.value)

    def set_user_attr(self, key, value):
        """Stores a JSON-able value with the trial."""
        key = _check.text(key, "key")
        _capi.check(_lib.lib().hpo_trial_set_user_attr(
            self._live(), _capi.encode(key), _check.json_text(value, f"user attr {key!r}")))

    def set_constraints(self, values):
        """Records the trial's constraint values, as Optuna's constraints_func returns them:
        the trial is feasible when every one is <= 0. Samplers see them, and best_trial and
        best_trials prefer feasible trials. Replaces values set before."""
        values = [_check.number(v, f"constraints[{i}]") for i, v in enumerate(values)]
        array = (ctypes.c_double * len(values))(*values)
        _capi.check(_lib.lib().hpo_trial_set_constraints(self._live(), array, len(values)))

    @property
    def device(self):
        """The GPU ordinal a runner gave this trial, or None (the first, when it has several)."""
        device = _lib.lib().hpo_trial_device(self._live())
        return None if device < 0 else device

    @property
    def devices(self):
        """Every GPU ordinal a runner gave this trial, in order (empty when none)."""
        count = ctypes.c_size_t()
        _capi.check(_lib.lib().hpo_trial_devices(self._live(), None, 0, ctypes.byref(count)))
        out = (ctypes.c_int32 * count.value)()
        _capi.check(_lib.lib().hpo_trial_devices(self._live(), out, count.value, ctypes.byref(count)))
        return list(out)

    def _set_failure(self, message):
        _capi.check(_lib.lib().hpo_trial_set_failure(self._live(), _capi.encode(message)))

    def __repr__(self):
        return f"Trial(number={self.number})"


def _encoded_name(name):
    return _capi.encode(_check.text(name, "name"))


def _external(distribution, internal):
    if math.isnan(internal):
        return None
    kind = distribution.get("type")
    if kind == "categorical":
        return distribution["choices"][int(internal)]
    return int(internal) if kind == "int" else internal
