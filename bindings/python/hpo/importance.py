"""Parameter importances, as Optuna's ``optuna.importance``, computed by the engine in C++
(hpo_study_param_importances: fANOVA over a random forest).

    import hpo
    importances = hpo.importance.get_param_importances(study)
    # {"x": 0.83, "y": 0.15, "z": 0.02}, largest first

Differences from Optuna, by design: parameters absent from some trials (conditional, or
define-by-run and not always asked) are assessed too, "inactive" counting as one more value
of theirs, where Optuna leaves them out unless named and then uses only the trials that have
them all; log parameters are assessed in log space; a categorical is split by subsets of its
choices rather than one-hot. ``FanovaImportanceEvaluator(seed=None)`` uses the study's seed,
so a seeded study gives the same importances every time.
"""

import collections
import ctypes
import math

from . import _capi, _check, _lib
from .frozen import TrialState

__all__ = ["FanovaImportanceEvaluator", "get_param_importances", "param_importances_json"]


def param_importances_json(study, options=None):
    """The engine's whole answer (hpo_study_param_importances) as a dict: for each objective
    (or the "values" given in options), the importances as a list of {"param",
    "importance", "std"}, largest first. ``options`` as the C API documents them: params,
    trials, states, objective, values, seed, n_trees, max_depth, min_samples_split,
    min_samples_leaf, max_features, bootstrap, normalize."""
    text = None if options is None else _check.json_text(options, "options")
    return _capi.call_json(_lib.lib().hpo_study_param_importances, study._handle, text)


class FanovaImportanceEvaluator:
    """fANOVA (Hutter, Hoos and Leyton-Brown 2014) as Optuna's evaluator of that name: a
    random forest of ``n_trees`` regression trees of depth up to ``max_depth`` fitted on the
    COMPLETE trials, and the share of the variance of its prediction each parameter explains
    alone. ``seed`` None takes the study's seed."""

    def __init__(self, *, n_trees=64, max_depth=64, seed=None):
        if not isinstance(n_trees, int) or isinstance(n_trees, bool) or n_trees < 1:
            raise ValueError(f"n_trees must be an integer >= 1, not {n_trees!r}")
        if not isinstance(max_depth, int) or isinstance(max_depth, bool) or max_depth < 1:
            raise ValueError(f"max_depth must be an integer >= 1, not {max_depth!r}")
        if seed is not None and (not isinstance(seed, int) or isinstance(seed, bool) or seed < 0):
            raise ValueError(f"seed must be None or an integer >= 0, not {seed!r}")
        self._n_trees = n_trees
        self._max_depth = max_depth
        self._seed = seed

    def _options(self, params, target, study, *, normalize=False, every_objective=False):
        """The engine's options; `every_objective` asks for one entry per objective of a
        multi-objective study where no target is given (what a plot shows)."""
        options = {"n_trees": self._n_trees, "max_depth": self._max_depth, "normalize": normalize}
        if self._seed is not None:
            options["seed"] = self._seed
        if params is not None:
            if not isinstance(params, (list, tuple)) or not all(isinstance(p, str) for p in params):
                raise TypeError(f"params must be a list of parameter names, not {params!r}")
            options["params"] = list(params)
        if target is not None:
            values = {}
            for trial in study.get_trials(states=(TrialState.COMPLETE,)):
                value = float(target(trial))
                if math.isfinite(value):
                    values[str(trial.number)] = value
            options["values"] = values
        elif len(study.directions) > 1 and not every_objective:
            raise ValueError("If the `study` is being used for multi-objective optimization, please specify the "
                             "`target`. For example, use `target=lambda t: t.values[0]` for the first objective "
                             "value.")
        return options

    def evaluate(self, study, params=None, *, target=None):
        """The importances (not normalized: each parameter's share of the variance, averaged
        over the trees), as a dict ordered largest first."""
        if params is not None and len(params) == 0:
            return {}
        answer = param_importances_json(study, self._options(params, target, study))
        entry = answer["objectives"][0]
        return collections.OrderedDict((item["param"], item["importance"]) for item in entry["importances"])


def get_param_importances(study, *, evaluator=None, params=None, target=None, normalize=True):
    """Optuna's ``get_param_importances``: the importance of each parameter of ``study``'s
    COMPLETE trials, as a dict ordered by importance, largest first, summing to 1 when
    ``normalize``. ``target`` (a function of a FrozenTrial, e.g. ``lambda t: t.values[0]``)
    replaces the objective value, and is required for several objectives. ``evaluator``
    defaults to ``FanovaImportanceEvaluator()``; any object with Optuna's ``evaluate(study,
    params, *, target)`` works."""
    if evaluator is None:
        evaluator = FanovaImportanceEvaluator()
    if not callable(getattr(evaluator, "evaluate", None)):
        raise TypeError("Evaluator must have an evaluate(study, params, *, target) method.")
    result = evaluator.evaluate(study, params=params, target=target)
    if not normalize:
        return collections.OrderedDict(result)
    total = sum(result.values())
    if total == 0.0:
        return collections.OrderedDict((name, 1.0 / len(result)) for name in result)
    return collections.OrderedDict((name, value / total) for name, value in result.items())
