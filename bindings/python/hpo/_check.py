"""Argument checks shared by every public function: each names the argument it refuses.

A value of the wrong type raises TypeError; a value of the right type that cannot be used
raises InvalidArgument (a ValueError), the class the engine's own refusals have, so that one
`except` catches a mistake whichever side finds it. Ranges the engine checks itself (n_trials
>= 0, n_jobs, seed >= 0) are left to it and its message.
"""

import collections.abc
import json
import math
import numbers
import operator
import os
import reprlib

from ._errors import InvalidArgument

_INT64_MIN, _INT64_MAX = -(1 << 63), (1 << 63) - 1


def shown(value):
    """The value as a message shows it: its type, and a repr cut short."""
    return f"{type(value).__name__} {reprlib.repr(value)}"


def text(value, name, *, optional=False, allow_empty=False):
    """A str (None too when optional); an empty one is refused unless allow_empty."""
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str{' or None' if optional else ''}, "
                        f"not {shown(value)}")
    if not value and not allow_empty:
        raise InvalidArgument(f"{name} must not be empty")
    return value


def boolean(value, name, *, optional=False):
    """True or False (None too when optional); 0 and 1 are not booleans here."""
    if value is None and optional:
        return None
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, not {shown(value)}")
    return value


def integer(value, name, *, optional=False):
    """A Python int from an int or a NumPy integer; bool and float are refused."""
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int{' or None' if optional else ''}, "
                        f"not {shown(value)}")
    return operator.index(value)


def int64(value, name):
    """An int that fits the C API's int64_t."""
    value = integer(value, name)
    if not _INT64_MIN <= value <= _INT64_MAX:
        raise InvalidArgument(f"{name} must fit in 64 bits, not {value}")
    return value


def real(value, name, *, optional=False):
    """A float from any real number (int, float, NumPy's); bool and str are refused."""
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number{' or None' if optional else ''}, "
                        f"not {shown(value)}")
    return float(value)


def seconds(value, name, *, optional=True):
    """A positive, finite duration in seconds, or None (no limit) when optional."""
    value = real(value, name, optional=optional)
    if value is not None and not (math.isfinite(value) and value > 0):
        raise InvalidArgument(f"{name} must be a positive number of seconds"
                              f"{', or None' if optional else ''}, not {value}")
    return value


def number(value, name):
    """A float from anything float() takes as a number: a NumPy scalar or 0-d array, a
    one-element tensor; str, bytes and bool are refused. NaN and infinities pass unchanged:
    what they mean is the engine's to decide."""
    if isinstance(value, (str, bytes, bool)) or not hasattr(type(value), "__float__"):
        raise TypeError(f"{name} must be a number, not {shown(value)}")
    try:
        return float(value)
    except Exception as error:  # a tensor of several elements, a __float__ that fails
        raise TypeError(f"{name} must be a number, not {shown(value)}: {error}") from error


def numbers_of(value, name):
    """A list of floats from one number (see number) or a sequence or 1-d array of them."""
    ndim = getattr(value, "ndim", None)  # NumPy arrays and tensors say how deep they are
    if ndim == 0 or (ndim is None and hasattr(type(value), "__float__")):
        return [number(value, name)]
    if (ndim in (None, 1) and isinstance(value, collections.abc.Iterable)
            and not isinstance(value, (str, bytes, collections.abc.Mapping))):
        return [number(item, f"{name}[{index}]") for index, item in enumerate(value)]
    what = f"a {ndim}-d {type(value).__name__}" if ndim is not None else shown(value)
    raise TypeError(f"{name} must be a number or a sequence of numbers, not {what}")


def mapping(value, name, *, optional=False):
    """A dict-like object whose keys are str (None too when optional)."""
    if value is None and optional:
        return None
    if not isinstance(value, collections.abc.Mapping):
        raise TypeError(f"{name} must be a dict{' or None' if optional else ''}, "
                        f"not {shown(value)}")
    for key in value:
        if not isinstance(key, str):
            raise TypeError(f"{name} must have str keys, not {shown(key)}")
    return value


def items(value, name, *, optional=False):
    """A list from a list, tuple or other iterable; a str, bytes or dict is refused (its
    characters or keys are never what was meant)."""
    if value is None and optional:
        return None
    if (isinstance(value, (str, bytes, collections.abc.Mapping))
            or not isinstance(value, collections.abc.Iterable)):
        raise TypeError(f"{name} must be a list{' or None' if optional else ''}, "
                        f"not {shown(value)}")
    return list(value)


def path(value, name):
    """A file system path as str, from a str or an os.PathLike."""
    if not isinstance(value, (str, os.PathLike)):
        raise TypeError(f"{name} must be a path (str or os.PathLike), not {shown(value)}")
    return os.fspath(value)


def function(value, name, *, optional=False):
    if value is None and optional:
        return None
    if not callable(value):
        raise TypeError(f"{name} must be callable, not {shown(value)}")
    return value


def exception_types(value, name):
    """A tuple of exception classes from one class or an iterable of them."""
    def refused(what):
        return TypeError(f"{name} must be an exception class or a tuple of them, "
                         f"not {shown(what)}")

    try:
        classes = (value,) if isinstance(value, type) else tuple(items(value, name))
    except TypeError:
        raise refused(value) from None
    for cls in classes:
        if not (isinstance(cls, type) and issubclass(cls, BaseException)):
            raise refused(cls)
    return classes


def json_text(value, name):
    """The strict JSON the engine reads (UTF-8 bytes); a value JSON cannot carry (an
    object, NaN, an infinity) is refused naming the argument."""
    try:
        return json.dumps(value, allow_nan=False).encode("utf-8")
    except TypeError as error:
        raise TypeError(f"{name} must be JSON-serializable: {error}") from None
    except ValueError as error:  # NaN or an infinity, which strict JSON has no form for
        raise InvalidArgument(f"{name} cannot be written as JSON: {error}") from None


def json_able(value, name, *, optional=False):
    """The value itself, once it is known to be writable as strict JSON."""
    if value is None and optional:
        return None
    json_text(value, name)
    return value
