"""The engine handle: the registry of plugins that studies are created from."""

import ctypes
import threading
import weakref

from . import _capi, _check, _lib


class Engine:
    """An hpo_engine. Plugins are searched in the install's plugin folder, then in
    HPO_PLUGIN_PATH, then in `plugin_paths`."""

    def __init__(self, plugin_paths=None):
        paths = _check.items(plugin_paths, "plugin_paths", optional=True) or []
        options = {"plugin_paths": [_check.path(path, f"plugin_paths[{index}]")
                                    for index, path in enumerate(paths)]}
        handle = ctypes.c_void_p()
        lib = _lib.lib()
        _capi.check(lib.hpo_engine_new(_check.json_text(options, "engine options"),
                                       ctypes.byref(handle)))
        self._handle = handle
        # Studies keep their engine alive, so the engine is freed after all of them.
        self._finalizer = weakref.finalize(self, lib.hpo_engine_free, handle)

    @property
    def handle(self):
        return self._handle

    def add_plugin_path(self, path):
        """Scans one more folder, or loads one plugin library file."""
        path = _check.path(path, "path")
        _capi.check(_lib.lib().hpo_engine_add_plugin_path(self._handle, _capi.encode(path)))

    def plugins(self):
        """{"loaded": [{"kind", "name", "summary", "file", "abi_version", "options"}, ...],
        "refused": [{"file", "reason"}, ...]}"""
        return _capi.call_json(_lib.lib().hpo_engine_plugins_json, self._handle)

    def has_plugin(self, kind, name):
        return any(plugin["kind"] == kind and plugin["name"] == name
                   for plugin in self.plugins()["loaded"])


_default = None
_default_lock = threading.Lock()


def default_engine():
    """The process-wide engine that studies use unless given plugin_paths."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Engine()
        return _default


def engine_for(plugin_paths):
    return Engine(plugin_paths) if plugin_paths else default_engine()


def plugins(plugin_paths=None):
    """What the engine found: {"loaded": [...], "refused": [...]} (see Engine.plugins)."""
    return engine_for(plugin_paths).plugins()
