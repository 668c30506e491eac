"""Which hpo sampler a scikit-optimize estimator stands for, and its options.

- "GP" (gp_minimize): hpo's gp sampler (Matern-5/2 GP, EI/PI/LCB). acq_func "gp_hedge" (a
  bandit over EI, PI and LCB) has no counterpart: it runs EI, the arm it settles on most.
- "ET", "RF", "GBRT" (forest_minimize, gbrt_minimize): hpo has no forest sampler; TPE, the
  nearest model-based sampler that handles every kind of dimension, proposes instead, with
  its own criterion (l(x)/g(x), which is EI under TPE's model): acq_func "EI" only.
- "dummy" (dummy_minimize): hpo's random sampler.
"""

import numbers

_GP_ACQUISITIONS = {"EI": "ei", "PI": "pi", "LCB": "lcb", "gp_hedge": "ei"}
_INITIAL_DESIGNS = {"random": "random", "sobol": "sobol"}
_SKOPT_DEFAULT_XI = 0.01


def _kind(base_estimator):
    if base_estimator is None:
        return "GP"
    if not isinstance(base_estimator, str):
        raise NotImplementedError(
            f"base_estimator {type(base_estimator).__name__}: hpo's samplers have their own "
            f"models; name one of 'GP', 'RF', 'ET', 'GBRT', 'dummy'")
    kind = base_estimator.upper() if base_estimator.lower() != "dummy" else "dummy"
    if kind not in ("GP", "RF", "ET", "GBRT", "dummy"):
        raise ValueError(f"base_estimator must be one of 'GP', 'RF', 'ET', 'GBRT', 'dummy', "
                         f"not {base_estimator!r}")
    return kind


def sampler(base_estimator, n_initial_points, initial_point_generator, acq_func,
            acq_func_kwargs, noise="gaussian"):
    """(hpo sampler name, options) for an Optimizer's arguments."""
    kind = _kind(base_estimator)
    if kind == "dummy":
        return "random", {}
    if not isinstance(initial_point_generator, str) \
            or initial_point_generator not in _INITIAL_DESIGNS:
        raise NotImplementedError(f"initial_point_generator {initial_point_generator!r}: hpo "
                                  f"starts from 'random' or 'sobol' points")
    if kind != "GP":
        if acq_func not in ("EI", "gp_hedge"):
            raise NotImplementedError(f"acq_func {acq_func!r} with base_estimator {kind!r}: "
                                      f"hpo runs TPE there, whose criterion is EI")
        if initial_point_generator != "random":
            raise NotImplementedError("TPE starts from random points only")
        return "tpe", {"n_startup_trials": n_initial_points}
    if acq_func not in _GP_ACQUISITIONS:
        raise NotImplementedError(f"acq_func {acq_func!r}: hpo's gp sampler has EI, PI and "
                                  f"LCB (and runs EI for gp_hedge)")
    if noise != "gaussian":
        raise NotImplementedError(f"noise={noise!r}: hpo's gp sampler fits the noise itself")
    options = {"n_startup_trials": n_initial_points,
               "initial_design": _INITIAL_DESIGNS[initial_point_generator],
               "acquisition": _GP_ACQUISITIONS[acq_func],
               # Points asked and not yet told count as the best value seen: skopt's cl_min.
               "liar": "min"}
    kwargs = acq_func_kwargs or {}
    for key in ("xi", "kappa"):
        value = kwargs.get(key)
        if value is not None and (not isinstance(value, numbers.Real) or value < 0):
            raise ValueError(f"{key} must be a number >= 0, not {value!r}")
    if kwargs.get("kappa") is not None:
        options["kappa"] = float(kwargs["kappa"])  # LCB's weight of sigma: the same in both
    if kwargs.get("xi") is not None:
        options["xi"] = _xi(kwargs["xi"])
    return "gp", options


def _xi(xi):
    """scikit-optimize's xi is in the objective's units; hpo's gp takes it in standard
    deviations of the observed values, a scale not known before the search. Its default
    0.01 (a sliver of any objective that varies by more than about 1) is hpo's 0; other
    values cannot be translated."""
    if xi in (0, _SKOPT_DEFAULT_XI):
        return 0.0
    raise NotImplementedError(
        f"xi={xi}: scikit-optimize measures xi in the objective's units and hpo's gp sampler "
        f"in standard deviations of the observed values, so only the default 0.01 (run as "
        f"0) and 0 carry over")
