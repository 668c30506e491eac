"""Loading the engine library: versions, the ABI check and the errors that name the problem."""

import ctypes.util
import os
import subprocess
import sys

import pytest

import hpo
from hpo import _lib


def test_the_library_reports_its_version_and_abi():
    assert hpo.library_version() == hpo.__version__
    found = _lib.lib().hpo_abi_version()
    assert (found >> 16, found & 0xFFFF) >= (_lib.ABI_MAJOR, _lib.ABI_MINOR)
    assert os.path.samefile(hpo.library_path(), os.environ.get("HPO_LIBRARY", hpo.library_path()))


@pytest.mark.parametrize("major, minor", [(2, 0), (0, 7), (1, 99)])
def test_a_library_of_another_abi_is_refused_naming_both_versions(major, minor):
    with pytest.raises(hpo.AbiMismatchError) as raised:
        _lib.load(hpo.library_path(), abi_major=major, abi_minor=minor)
    message = str(raised.value)
    assert f"needs ABI {major}.{minor}" in message
    assert "speaks hpo ABI 1." in message
    assert hpo.library_path() in message
    assert raised.value.status == hpo.Status.EABI


def test_a_library_that_is_not_hpo_is_refused():
    libc = ctypes.util.find_library("c")
    with pytest.raises(hpo.AbiMismatchError, match="does not export hpo_abi_version"):
        _lib.load(libc)


def test_a_missing_library_file_is_named():
    with pytest.raises(hpo.LibraryNotFoundError, match="/nonexistent/libhpo.so"):
        _lib.load("/nonexistent/libhpo.so")


def test_importing_without_a_library_fails_with_what_to_do(tmp_path):
    env = dict(os.environ, HPO_LIBRARY=str(tmp_path / "libhpo.so"))
    package_dir = os.path.dirname(os.path.dirname(hpo.__file__))
    env["PYTHONPATH"] = package_dir
    result = subprocess.run([sys.executable, "-c", "import hpo"], env=env,
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "LibraryNotFoundError" in result.stderr
    assert str(tmp_path / "libhpo.so") in result.stderr
    assert "HPO_LIBRARY" in result.stderr


def test_a_library_opened_by_a_relative_path_finds_the_plugins_beside_it():
    library = os.path.realpath(hpo.library_path())
    folder = os.path.dirname(os.path.dirname(library))
    env = {key: value for key, value in os.environ.items() if key != "HPO_PLUGIN_PATH"}
    env["HPO_LIBRARY"] = os.path.relpath(library, folder)
    env["PYTHONPATH"] = os.path.dirname(os.path.dirname(hpo.__file__))
    code = "import hpo; hpo.create_study(sampler='random'); print('found')"
    result = subprocess.run([sys.executable, "-c", code], env=env, cwd=folder,
                            capture_output=True, text=True)
    assert result.stdout.strip() == "found", result.stderr


def test_every_status_maps_to_its_exception_class():
    from hpo._errors import error_for
    cases = {
        hpo.Status.EINVAL: (hpo.InvalidArgument, ValueError),
        hpo.Status.ENOTFOUND: (hpo.NotFound, LookupError),
        hpo.Status.EPLUGIN: (hpo.PluginError, hpo.HpoError),
        hpo.Status.ESTATE: (hpo.StateError, RuntimeError),
        hpo.Status.EIO: (hpo.StorageError, OSError),
        hpo.Status.EUSER: (hpo.HpoError, Exception),
        hpo.Status.EBUSY: (hpo.StorageBusy, hpo.StorageError, OSError),
        hpo.Status.EEXISTS: (hpo.AlreadyExists, ValueError),
        hpo.Status.ENOTSUP: (hpo.NotSupported, NotImplementedError),
        hpo.Status.ECANCELLED: (hpo.Cancelled, hpo.HpoError),
    }
    for status, classes in cases.items():
        error = error_for(status, "what and where")
        assert isinstance(error, classes)
        assert error.status == status and error.message == "what and where"
        assert str(error) == f"what and where [{status.name}]"
