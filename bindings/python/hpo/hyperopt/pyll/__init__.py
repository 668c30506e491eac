"""hyperopt.pyll's names a search space uses: scope, Apply, stochastic."""

from . import stochastic
from .base import Apply, Expr, scope

__all__ = ["Apply", "Expr", "scope", "stochastic"]
