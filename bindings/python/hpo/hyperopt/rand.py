"""rand.suggest for fmin(algo=...): see hpo.hyperopt._algorithms for the hpo sampler it runs."""

from ._algorithms import RAND, suggest_function

suggest = suggest_function(RAND)
