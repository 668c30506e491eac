"""A package with the engine bundled inside (bundle_native.py) needs no environment at all."""

import os
import pathlib
import shutil
import subprocess
import sys

import hpo

PACKAGE_ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PACKAGE_ROOT))
import bundle_native  # noqa: E402  (beside the package, not inside it)


def test_a_bundled_package_finds_its_library_and_plugins_beside_itself(tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(PACKAGE_ROOT / "hpo", copy / "hpo",
                    ignore=shutil.ignore_patterns("_native", "__pycache__"))
    library_dir = pathlib.Path(hpo.library_path()).resolve().parent
    _, plugins = bundle_native.bundle(library_dir, copy / "hpo" / "_native")
    assert plugins, "the build has no plugins to bundle"

    env = {key: value for key, value in os.environ.items()
           if key not in ("HPO_LIBRARY", "HPO_PLUGIN_PATH")}
    env["PYTHONPATH"] = str(copy)
    code = ("import hpo; print(hpo.library_path()); "
            "print(*sorted(p['file'] for p in hpo.plugins()['loaded']), sep='\\n')")
    # From tmp_path: `python -c` puts its working folder first on sys.path, where the source
    # tree's own hpo (no _native) would shadow the copy.
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, check=True, cwd=tmp_path)
    library, *loaded = result.stdout.split("\n")[:-1]
    assert library == str(copy / "hpo" / "_native" / "libhpo.so")
    # One file per library, though a library may hold several plugins (postgres: two schemes).
    assert sorted({pathlib.Path(p).name for p in loaded}) == sorted(p.name for p in plugins)
    assert all(p.startswith(str(copy)) for p in loaded)
    # The programs plugins start from their own folder: the process runner's worker, and the
    # guard that stops a command objective's programs if this process dies.
    for program in ("hpo-trial-worker", "hpo-child-guard"):
        assert os.access(copy / "hpo" / "_native" / "hpo" / "plugins" / program, os.X_OK), program
