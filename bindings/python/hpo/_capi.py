"""Small helpers for calling hpo.h: status checking and the JSON strings handed back."""

import ctypes
import json

from . import _lib
from ._errors import error_for


def last_error():
    """The engine's message for the last error on this thread."""
    text = _lib.lib().hpo_last_error()
    return text.decode("utf-8", "replace") if text else ""


def check(status):
    """Returns a non-negative status; raises the exception matching a negative one with the
    engine's message. Call it right after the C call, on the same thread (the message is
    thread-local)."""
    if status >= 0:
        return status
    message = last_error() or _lib.lib().hpo_status_string(status).decode()
    raise error_for(status, message)


def encode(text):
    return None if text is None else text.encode("utf-8")


def take_string(pointer):
    """Copies and frees a `char *` the engine handed over."""
    if not pointer.value:
        return None
    try:
        return ctypes.string_at(pointer.value).decode("utf-8")
    finally:
        _lib.lib().hpo_string_free(pointer.value)


def call_json(function, *args):
    """Calls `function(*args, &out)` for a JSON output and returns it parsed."""
    out = ctypes.c_void_p()
    check(function(*args, ctypes.byref(out)))
    text = take_string(out)
    return json.loads(text) if text is not None else None
