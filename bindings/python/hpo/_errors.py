"""Exceptions: one class per status code family of include/hpo/common.h, each carrying the
status and the engine's message (hpo_last_error), plus TrialPruned for objectives."""

import enum


class Status(enum.IntEnum):
    """hpo_status: 0 success, positive outcomes that are not errors, negative errors."""
    OK = 0
    PRUNED = 1
    DONE = 2
    ERROR = -1
    EINVAL = -2
    ENOTFOUND = -3
    EPLUGIN = -4
    ESTATE = -5
    EUSER = -6
    ENOMEM = -7
    EIO = -8
    EABI = -9
    EBUSY = -10
    EEXISTS = -11
    ENOTSUP = -12
    ECANCELLED = -13


class HpoError(Exception):
    """An error reported by the engine: `status` is the hpo_status code, `message` the text
    the engine gave (what was wrong and where)."""

    default_status = Status.ERROR

    def __init__(self, message, status=None):
        super().__init__(message)
        self.message = message
        self.status = Status(status) if status is not None else self.default_status

    def __str__(self):
        return f"{self.message} [{self.status.name}]"


class InvalidArgument(HpoError, ValueError):
    """Bad input: malformed JSON, an impossible range, a wrong type."""
    default_status = Status.EINVAL


class NotFound(HpoError, LookupError):
    """No such parameter, trial, study or plugin."""
    default_status = Status.ENOTFOUND


class PluginError(HpoError):
    """A plugin was refused or failed (an unknown sampler name, a bad option)."""
    default_status = Status.EPLUGIN


class StateError(HpoError, RuntimeError):
    """Not allowed in the object's state, such as telling a finished trial."""
    default_status = Status.ESTATE


class StorageError(HpoError, OSError):
    """A storage could not read or write."""
    default_status = Status.EIO


class StorageBusy(StorageError):
    """A storage stayed busy (locked by another process, out of reach) for longer than the
    study's storage_timeout; nothing was changed, and trying again later may succeed."""
    default_status = Status.EBUSY


class AlreadyExists(HpoError, ValueError):
    """The name is taken: a study of that name is already in the storage (pass
    load_if_exists=True to continue it)."""
    default_status = Status.EEXISTS


class NotSupported(HpoError, NotImplementedError):
    """Not possible here: a runner asked to run a Python function in another process, an
    operation a plugin does not have."""
    default_status = Status.ENOTSUP


class Cancelled(HpoError):
    """Stopped on request before it finished."""
    default_status = Status.ECANCELLED


class AbiMismatchError(HpoError, ImportError):
    """The engine library speaks another ABI than this package (or is not hpo at all)."""
    default_status = Status.EABI


class LibraryNotFoundError(ImportError):
    """The engine library could not be found or opened."""


class TrialPruned(Exception):
    """Raised by an objective to stop its trial early: the trial ends PRUNED."""


_BY_STATUS = {cls.default_status: cls for cls in
              (InvalidArgument, NotFound, PluginError, StateError, StorageError,
               AbiMismatchError, StorageBusy, AlreadyExists, NotSupported, Cancelled)}


def error_for(status, message):
    """The exception for a negative status code, carrying the engine's message."""
    return _BY_STATUS.get(status, HpoError)(message, status)
