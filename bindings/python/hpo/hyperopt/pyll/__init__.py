"""hyperopt.pyll's names a search space uses: scope, Apply, as_apply, stochastic."""

from . import stochastic
from .base import Apply, Expr, as_apply, scope

__all__ = ["Apply", "Expr", "as_apply", "scope", "stochastic"]
