"""What each of Optuna's plot functions shows, as the engine's figure JSON ({"data": traces,
"layout": ...}, hpo_study_figure_json) with the function's arguments applied: the one
definition that hpo.visualization wraps in a plotly Figure and hpo.visualization.matplotlib
draws on matplotlib Axes. Each function here has the signature and the docstring both
modules publish (they wrap it with functools.wraps); none of them draws anything.
"""

import json

from .. import _capi, _lib


def figure_json(study, kind, **options):
    """The engine's figure of `kind` ("history", "slice", "contour", "parallel",
    "intermediate", "pareto", "edf", "timeline", "importances") as a dict {"data": [...], "layout": {...}}."""
    return _capi.call_json(_lib.lib().hpo_study_figure_json, study._handle, kind.encode(),
                           json.dumps(options).encode())


def _objective(target):
    if target is None:
        return 0
    if callable(target) or not isinstance(target, int) or isinstance(target, bool):
        raise TypeError(f"target must be an objective's index (0, 1, ...), got {target!r}: hpo draws "
                        f"the objectives it stores, not values computed in Python")
    return target


def _retitle(spec, axis, name, scene=False):
    if name is not None:
        layout = spec["layout"].setdefault("scene", {}) if scene else spec["layout"]
        layout.setdefault(axis, {})["title"] = {"text": name}
    return spec


def _params(params):
    return {} if params is None else {"params": list(params)}


def _of_studies(study, kind, **options):
    """One figure of a study, or of a list of studies with their traces side by side, each
    named after its study."""
    if not isinstance(study, (list, tuple)):
        return figure_json(study, kind, **options)
    merged = None
    for one in study:
        spec = figure_json(one, kind, **options)
        for trace in spec["data"]:
            trace["name"] = f"{one.study_name}: {trace.get('name', '')}"
        if merged is None:
            merged = spec
        else:
            merged["data"].extend(spec["data"])
    return merged


def plot_optimization_history(study, *, target=None, target_name=None, error_bar=False):
    """Each completed trial's value by number and the best value so far (of a study, or of a
    list of studies)."""
    if error_bar:
        raise NotImplementedError("error_bar: hpo draws each study's own history")
    spec = _of_studies(study, "history", objective=_objective(target))
    return _retitle(spec, "yaxis", target_name)


def plot_param_importances(study, evaluator=None, params=None, *, target=None, target_name="Objective Value"):
    """Each parameter's importance (fANOVA, hpo.importance) as a horizontal bar, the most
    important at the top; one group per objective of a multi-objective study without target.
    Optuna's callable `target` is evaluated in Python and handed to the engine's fANOVA as
    the values to explain."""
    from ..importance import FanovaImportanceEvaluator
    evaluator = evaluator if evaluator is not None else FanovaImportanceEvaluator()
    options = evaluator._options(params, target, study, normalize=True, every_objective=True)
    spec = figure_json(study, "importances", **options)
    if target is not None:
        for trace in spec["data"]:
            trace["name"] = target_name
    return spec


def plot_slice(study, params=None, *, target=None, target_name=None):
    """The objective against each parameter's value, coloured by trial number."""
    spec = figure_json(study, "slice", objective=_objective(target), **_params(params))
    return _retitle(spec, "yaxis", target_name)


def plot_contour(study, params=None, *, target=None, target_name=None):
    """The objective over two parameters (the first two unless `params` names them)."""
    spec = figure_json(study, "contour", objective=_objective(target), **_params(params))
    if target_name is not None:
        spec["data"][0]["colorbar"] = {"title": {"text": target_name}}
    return spec


def plot_parallel_coordinate(study, params=None, *, target=None, target_name=None):
    """A line per completed trial across the objective and the parameters."""
    spec = figure_json(study, "parallel", objective=_objective(target), **_params(params))
    if target_name is not None:
        spec["data"][0]["dimensions"][0]["label"] = target_name
    return spec


def plot_intermediate_values(study):
    """Each trial's reported values by step; pruned trials dotted, in red."""
    return figure_json(study, "intermediate")


def plot_pareto_front(study, *, target_names=None, include_dominated_trials=True, axis_order=None,
                      targets=None):
    """The Pareto front of a study of several objectives over the others; `axis_order` (or
    `targets`, as indices) picks two or three objectives."""
    options = {}
    order = axis_order if axis_order is not None else targets
    if order is not None:
        options["objectives"] = [_objective(k) for k in order]
    spec = figure_json(study, "pareto", **options)
    if not include_dominated_trials:
        spec["data"] = [trace for trace in spec["data"] if trace["name"] != "Trial"]
    for axis, name in zip(("xaxis", "yaxis", "zaxis"), target_names or ()):
        _retitle(spec, axis, name, scene="scene" in spec["layout"])
    return spec


def plot_edf(study, *, target=None, target_name=None):
    """The share of completed trials whose value is at most x (of a study, or a list)."""
    spec = _of_studies(study, "edf", objective=_objective(target))
    return _retitle(spec, "xaxis", target_name)


def plot_timeline(study):
    """Each trial as a bar from start to end, on the worker slot that ran it."""
    return figure_json(study, "timeline")


PLOTS = [plot_optimization_history, plot_param_importances, plot_slice, plot_contour, plot_parallel_coordinate,
         plot_intermediate_values, plot_pareto_front, plot_edf, plot_timeline]
