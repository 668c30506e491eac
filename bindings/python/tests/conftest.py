"""Runs the tests against the package in this source tree and the engine named by
HPO_LIBRARY (the CTest registration in tests/python sets it to the build's libhpo.so and
HPO_PLUGIN_PATH to the build's plugin folder)."""

import pathlib
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

import hpo  # noqa: E402  (after the path is set)


def loaded_plugins():
    return {(plugin["kind"], plugin["name"]) for plugin in hpo.plugins()["loaded"]}


def require_plugin(kind, name):
    """Skips the calling test unless the engine found the plugin."""
    if (kind, name) not in loaded_plugins():
        pytest.skip(f"no {kind} plugin named {name!r} was found")


@pytest.fixture
def random_study():
    """A seeded single-objective study over the random sampler."""
    def make(**kwargs):
        kwargs.setdefault("sampler", "random")
        kwargs.setdefault("seed", 11)
        return hpo.create_study(**kwargs)
    return make
