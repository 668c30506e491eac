"""pyll.stochastic.sample: one draw from a search space, as Hyperopt makes it."""

import numpy as np


def sample(expr, rng=None, **_kwargs):
    """The object an objective would receive for one random draw from `expr`; `rng` is a
    numpy Generator (a fresh one when None). Each label is drawn once per sample."""
    from .._space import evaluate  # here: _space itself imports pyll

    rng = np.random.default_rng() if rng is None else rng
    drawn = {}

    def value_of(node):
        if node.label not in drawn:
            drawn[node.label] = node.draw(rng)
        return drawn[node.label]
    return evaluate(expr, value_of)
