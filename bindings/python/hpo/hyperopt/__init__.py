"""Hyperopt's API on hpo's engine: change `import hyperopt` to `import hpo.hyperopt as
hyperopt` (or `from hpo.hyperopt import fmin, tpe, hp, Trials`) and a script runs as before.

    from hpo.hyperopt import fmin, hp, tpe, Trials, STATUS_OK

    space = hp.choice("model", [
        {"kind": "svc", "C": hp.loguniform("C", -3, 3)},
        {"kind": "knn", "k": hp.randint("k", 1, 30)},
    ])
    trials = Trials()                      # or Trials(storage="sqlite:///search.db")
    best = fmin(objective, space, algo=tpe.suggest, max_evals=100, trials=trials)

What hpo does differently, or refuses, is listed in bindings/python/README.md ("Hyperopt
and scikit-optimize").
"""

from . import anneal, atpe, early_stop, exceptions, hp, pyll, rand, tpe
from .base import (JOB_STATE_CANCEL, JOB_STATE_DONE, JOB_STATE_ERROR, JOB_STATE_NEW,
                   JOB_STATE_RUNNING, JOB_STATES, STATUS_FAIL, STATUS_NEW, STATUS_OK,
                   STATUS_RUNNING, STATUS_STRINGS, STATUS_SUSPENDED, Trials)
from ._space import space_eval
from .exceptions import AllTrialsFailed
from .fmin import fmin

__all__ = [
    "AllTrialsFailed", "JOB_STATES", "JOB_STATE_CANCEL", "JOB_STATE_DONE", "JOB_STATE_ERROR",
    "JOB_STATE_NEW", "JOB_STATE_RUNNING", "STATUS_FAIL", "STATUS_NEW", "STATUS_OK",
    "STATUS_RUNNING", "STATUS_STRINGS", "STATUS_SUSPENDED", "Trials", "anneal", "atpe",
    "early_stop", "exceptions", "fmin", "hp", "pyll", "rand", "space_eval", "tpe",
]
