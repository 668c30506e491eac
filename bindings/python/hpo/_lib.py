"""Finds and loads libhpo through ctypes, declares the prototype of every function of hpo.h,
and checks at load that the library speaks the ABI this package was written against.

Where the library is looked for, first match wins:
  1. the file named by the HPO_LIBRARY environment variable;
  2. hpo/_native/libhpo.so inside this package (a self-contained install, see
     bundle_native.py; the engine then finds its plugins in hpo/_native/hpo/plugins);
  3. the install prefix: <sys.prefix>/lib, /usr/local/lib, /usr/lib, then the dynamic
     linker's own search (ctypes.util.find_library).
"""

import ctypes
import os
import sys
from ctypes import POINTER, c_char_p, c_double, c_int32, c_int64, c_size_t, c_uint32, c_void_p

from ._errors import AbiMismatchError, LibraryNotFoundError

# The ABI of include/hpo/common.h this package was written against (HPO_ABI_VERSION_*).
ABI_MAJOR = 1
ABI_MINOR = 1

_NATIVE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_native")
_LIBRARY_NAMES = ("libhpo.so", "libhpo.so.1")

# int32_t (*hpo_objective_fn)(hpo_trial *, double *out_values, size_t n_values, void *user)
OBJECTIVE_FN = ctypes.CFUNCTYPE(c_int32, c_void_p, POINTER(c_double), c_size_t, c_void_p)
TRIAL_END_FN = ctypes.CFUNCTYPE(None, c_int64, c_int32, c_void_p)

_handle, _out_handle = c_void_p, POINTER(c_void_p)
_out_string = POINTER(c_void_p)  # char **: kept as a raw pointer so it can be freed

# name: (restype, argtypes), one line per function of hpo.h.
_PROTOTYPES = {
    "hpo_version": (c_char_p, []),
    "hpo_version_number": (c_int32, []),
    "hpo_abi_version": (c_uint32, []),
    "hpo_status_string": (c_char_p, [c_int32]),
    "hpo_last_error": (c_char_p, []),
    "hpo_string_free": (None, [c_void_p]),
    "hpo_engine_new": (c_int32, [c_char_p, _out_handle]),
    "hpo_engine_free": (None, [_handle]),
    "hpo_engine_add_plugin_path": (c_int32, [_handle, c_char_p]),
    "hpo_engine_plugins_json": (c_int32, [_handle, _out_string]),
    "hpo_study_create": (c_int32, [_handle, c_char_p, _out_handle]),
    "hpo_study_free": (None, [_handle]),
    "hpo_study_ask": (c_int32, [_handle, _out_handle]),
    "hpo_study_enqueue": (c_int32, [_handle, c_char_p]),
    "hpo_study_optimize": (c_int32, [_handle, OBJECTIVE_FN, c_char_p, c_void_p]),
    "hpo_study_optimize_plugin": (c_int32, [_handle, c_char_p, c_char_p]),
    "hpo_study_stop": (c_int32, [_handle]),
    "hpo_study_set_trial_end_callback": (c_int32, [_handle, TRIAL_END_FN, c_void_p]),
    "hpo_study_trial_json": (c_int32, [_handle, c_int64, _out_string]),
    "hpo_engine_studies_json": (c_int32, [_handle, c_char_p, _out_string]),
    "hpo_engine_delete_study": (c_int32, [_handle, c_char_p, c_char_p]),
    "hpo_study_info_json": (c_int32, [_handle, _out_string]),
    "hpo_study_trials_json": (c_int32, [_handle, _out_string]),
    "hpo_study_best_trial_json": (c_int32, [_handle, _out_string]),
    "hpo_study_best_trials_json": (c_int32, [_handle, _out_string]),
    "hpo_study_figure_json": (c_int32, [_handle, c_char_p, c_char_p, _out_string]),
    "hpo_study_n_trials": (c_int32, [_handle, POINTER(c_int64)]),
    "hpo_study_param_importances": (c_int32, [_handle, c_char_p, _out_string]),
    "hpo_trial_free": (None, [_handle]),
    "hpo_trial_number": (c_int64, [_handle]),
    "hpo_trial_id": (c_int64, [_handle]),
    "hpo_trial_suggest_float": (
        c_int32, [_handle, c_char_p, c_double, c_double, c_int32, c_double, POINTER(c_double)]),
    "hpo_trial_suggest_int": (
        c_int32, [_handle, c_char_p, c_int64, c_int64, c_int32, c_int64, POINTER(c_int64)]),
    "hpo_trial_suggest_categorical": (c_int32, [_handle, c_char_p, c_char_p, POINTER(c_int64)]),
    "hpo_trial_suggest": (c_int32, [_handle, c_char_p, c_char_p, POINTER(c_double)]),
    "hpo_trial_param": (c_int32, [_handle, c_char_p, POINTER(c_double)]),
    "hpo_trial_params_json": (c_int32, [_handle, _out_string]),
    "hpo_trial_report": (c_int32, [_handle, c_int64, c_double, POINTER(c_int32)]),
    "hpo_trial_should_prune": (c_int32, [_handle, POINTER(c_int32)]),
    "hpo_trial_set_user_attr": (c_int32, [_handle, c_char_p, c_char_p]),
    "hpo_trial_device": (c_int32, [_handle]),
    "hpo_trial_devices": (c_int32, [_handle, POINTER(c_int32), c_size_t, POINTER(c_size_t)]),
    "hpo_trial_set_constraints": (c_int32, [_handle, POINTER(c_double), c_size_t]),
    "hpo_trial_set_failure": (c_int32, [_handle, c_char_p]),
    "hpo_trial_tell": (c_int32, [_handle, c_int32, POINTER(c_double), c_size_t, c_char_p]),
}


def _format_abi(version):
    return f"{version >> 16}.{version & 0xFFFF}"


def _candidates():
    """The places searched, in order, as (description, path-or-name) pairs, made as they are
    tried: the linker's search starts processes (ldconfig, gcc), so it runs only when no file
    before it exists."""
    env = os.environ.get("HPO_LIBRARY")
    if env:
        # An explicit choice is never silently replaced by another library.
        yield ("HPO_LIBRARY", env)
        return
    for name in _LIBRARY_NAMES:
        yield ("package", os.path.join(_NATIVE_DIR, name))
    for prefix in (sys.prefix, "/usr/local", "/usr"):
        for name in _LIBRARY_NAMES:
            yield ("prefix", os.path.join(prefix, "lib", name))
    import ctypes.util  # here, not at the top: it imports subprocess and shutil too
    by_linker = ctypes.util.find_library("hpo")
    if by_linker:
        yield ("linker", by_linker)


def find_library():
    """The path (or linker name) of the engine library, or LibraryNotFoundError."""
    searched = []
    for origin, path in _candidates():
        if origin == "linker" or os.path.exists(path):
            return path
        searched.append(path)
    hint = ("set HPO_LIBRARY to a built libhpo.so (build/<dir>/lib/libhpo.so), "
            "or copy one into the package with bindings/python/bundle_native.py")
    raise LibraryNotFoundError(f"the hpo engine library was not found (searched: {', '.join(searched)}); "
                               f"{hint}")


def load(path, abi_major=ABI_MAJOR, abi_minor=ABI_MINOR):
    """Opens `path`, checks its ABI version and declares every prototype.

    A library of another ABI major is refused, and so is one of an older minor than this
    package needs (a minor only ever adds); the error names both versions and the file.
    """
    try:
        lib = ctypes.CDLL(path)
    except OSError as error:
        raise LibraryNotFoundError(f"cannot load the hpo engine library {path}: {error}") from None
    if not hasattr(lib, "hpo_abi_version"):
        raise AbiMismatchError(f"{path} does not export hpo_abi_version: it is not the hpo "
                               f"engine library")
    lib.hpo_abi_version.restype = c_uint32
    lib.hpo_abi_version.argtypes = []
    found = lib.hpo_abi_version()
    wanted = (abi_major << 16) | abi_minor
    if found >> 16 != abi_major or (found & 0xFFFF) < abi_minor:
        raise AbiMismatchError(
            f"{path} speaks hpo ABI {_format_abi(found)}, but this hpo Python package needs ABI "
            f"{_format_abi(wanted)} (the same major, a minor at least as high); install the "
            f"package and the library from the same release")
    for name, (restype, argtypes) in _PROTOTYPES.items():
        try:
            function = getattr(lib, name)
        except AttributeError:
            raise AbiMismatchError(f"{path} lacks {name}, which ABI {_format_abi(wanted)} "
                                   f"promises") from None
        function.restype = restype
        function.argtypes = argtypes
    return lib


class _LazyLibrary:
    """The process-wide library, loaded on first use so that an error names what to do."""

    def __init__(self):
        self._lib = None
        self.path = None

    def get(self):
        if self._lib is None:
            path = find_library()
            self._lib = load(path)
            self.path = path
        return self._lib


_library = _LazyLibrary()


def lib():
    return _library.get()


def library_path():
    """The path the engine library was loaded from."""
    _library.get()
    return _library.path
