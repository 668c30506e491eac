"""hpo: hyperparameter optimization over the hpo engine's C API (libhpo), in Optuna's style.

    import hpo

    def objective(trial):
        x = trial.suggest_float("x", -10, 10)
        return (x - 2) ** 2

    study = hpo.create_study(sampler="tpe", seed=1)
    study.optimize(objective, n_trials=100)
    print(study.best_params, study.best_value)

The engine library is loaded, and its ABI version checked, when this package is imported
(see hpo._lib for where it is looked for).
"""

from . import _lib
from ._engine import Engine, plugins
from ._errors import (AbiMismatchError, AlreadyExists, Cancelled, HpoError, InvalidArgument,
                      LibraryNotFoundError, NotFound, NotSupported, PluginError, StateError,
                      Status, StorageBusy, StorageError, TrialPruned)
from .frozen import FrozenTrial, StudyDirection, TrialState
from .study import Study, create_study, load_study
from .trial import Trial

__version__ = "0.2.0"

from . import importance  # noqa: E402  (Optuna's optuna.importance)

_lib.lib()  # fails the import with a clear error when the library is missing or mismatched


def library_version():
    """The engine library's version text, e.g. "0.2.0"."""
    return _lib.lib().hpo_version().decode()


def library_path():
    """The file the engine library was loaded from."""
    return _lib.library_path()


__all__ = [
    "AbiMismatchError", "AlreadyExists", "importance", "Cancelled", "Engine", "FrozenTrial", "HpoError",
    "InvalidArgument", "LibraryNotFoundError", "NotFound", "NotSupported", "PluginError",
    "StateError", "Status", "StorageBusy", "StorageError",
    "Study", "StudyDirection", "Trial", "TrialPruned", "TrialState", "create_study",
    "library_path", "library_version", "load_study", "plugins",
]
