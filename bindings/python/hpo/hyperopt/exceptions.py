"""Hyperopt's exception classes, under the names its users catch."""


class BadSearchSpace(Exception):
    """Something is wrong in the description of the search space."""


class DuplicateLabel(BadSearchSpace):
    """Two different hyperparameters of a search space share a label."""


class InvalidResultStatus(ValueError):
    """The objective returned a dict whose "status" is not one of STATUS_STRINGS."""

    def __init__(self, result):
        ValueError.__init__(self, f"the objective's result has no valid \"status\": {result!r}")
        self.result = result


class InvalidLoss(ValueError):
    """The objective returned STATUS_OK without a "loss" that is a number."""

    def __init__(self, result):
        ValueError.__init__(self, f"the objective's result has STATUS_OK but no numeric "
                                  f"\"loss\": {result!r}")
        self.result = result


class AllTrialsFailed(Exception):
    """No trial ended with STATUS_OK and a loss that is a number."""
