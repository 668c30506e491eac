"""scikit-optimize's API on hpo's engine: change `skopt` to `hpo.skopt` in a script's imports
and it runs as before.

    from hpo.skopt import gp_minimize
    from hpo.skopt.space import Real, Integer, Categorical
    from hpo.skopt.utils import use_named_args

What hpo does differently, or refuses, is listed in bindings/python/README.md ("Hyperopt
and scikit-optimize").
"""

from . import callbacks, space
from ._minimize import base_minimize, dummy_minimize, forest_minimize, gp_minimize
from .optimizer import Optimizer
from .space import Space
from .utils import dump, load

__all__ = ["Optimizer", "Space", "base_minimize", "callbacks", "dummy_minimize", "dump",
           "forest_minimize", "gp_minimize", "load", "space"]
