"""anneal.suggest for fmin(algo=...): see hpo.hyperopt._algorithms for the hpo sampler it runs."""

from ._algorithms import ANNEAL, suggest_function

suggest = suggest_function(ANNEAL)
