"""hp.*: Hyperopt's search-space expressions, with its signatures."""

from ._hyperparameter import Hyperparameter, _number


def _options(label, options):
    if not isinstance(options, (list, tuple)) or not options:
        raise TypeError(f"hyperparameter {label!r}: options must be a non-empty list, not "
                        f"{options!r}")
    return list(options)


def _bounds(label, low, high):
    low, high = _number(low, label, "low"), _number(high, label, "high")
    if low > high:
        raise ValueError(f"hyperparameter {label!r}: low ({low}) must be <= high ({high})")
    return low, high


def _spread(label, mu, sigma):
    mu, sigma = _number(mu, label, "mu"), _number(sigma, label, "sigma")
    if sigma <= 0:
        raise ValueError(f"hyperparameter {label!r}: sigma ({sigma}) must be > 0")
    return mu, sigma


def choice(label, options):
    return Hyperparameter(label, "choice", options=_options(label, options))


def pchoice(label, p_options):
    p_options = _options(label, p_options)
    if not all(isinstance(item, (list, tuple)) and len(item) == 2 for item in p_options):
        raise TypeError(f"hyperparameter {label!r}: pchoice takes a list of "
                        f"(probability, option) pairs")
    probabilities, options = zip(*p_options)
    return Hyperparameter(label, "pchoice", options=list(options),
                          probabilities=list(probabilities))


def uniform(label, low, high):
    low, high = _bounds(label, low, high)
    return Hyperparameter(label, "uniform", low=low, high=high)


def quniform(label, low, high, q):
    low, high = _bounds(label, low, high)
    return Hyperparameter(label, "uniform", low=low, high=high, q=q)


def loguniform(label, low, high):
    low, high = _bounds(label, low, high)
    return Hyperparameter(label, "loguniform", low=low, high=high)


def qloguniform(label, low, high, q):
    low, high = _bounds(label, low, high)
    return Hyperparameter(label, "loguniform", low=low, high=high, q=q)


def normal(label, mu, sigma):
    mu, sigma = _spread(label, mu, sigma)
    return Hyperparameter(label, "normal", mu=mu, sigma=sigma)


def qnormal(label, mu, sigma, q):
    mu, sigma = _spread(label, mu, sigma)
    return Hyperparameter(label, "normal", mu=mu, sigma=sigma, q=q)


def lognormal(label, mu, sigma):
    mu, sigma = _spread(label, mu, sigma)
    return Hyperparameter(label, "lognormal", mu=mu, sigma=sigma)


def qlognormal(label, mu, sigma, q):
    mu, sigma = _spread(label, mu, sigma)
    return Hyperparameter(label, "lognormal", mu=mu, sigma=sigma, q=q)


def randint(label, *args):
    """randint(label, upper) draws from 0 .. upper - 1; randint(label, low, high) from
    low .. high - 1, as in Hyperopt."""
    if len(args) not in (1, 2):
        raise TypeError(f"hyperparameter {label!r}: randint takes (label, upper) or "
                        f"(label, low, high)")
    low, high = (0, args[0]) if len(args) == 1 else args
    low, high = _bounds(label, low, high)
    if low != int(low) or high != int(high) or high <= low:
        raise ValueError(f"hyperparameter {label!r}: randint needs integers low < high, not "
                         f"{low}, {high}")
    return Hyperparameter(label, "randint", low=low, high=high)


def uniformint(label, low, high, q=1.0):
    low, high = _bounds(label, low, high)
    return Hyperparameter(label, "uniform", low=low, high=high, q=q, integer=True)
