#!/usr/bin/env python3
"""Copies a built engine library and its plugins into the package, for a self-contained
`pip install ./bindings/python`.

    python3 bindings/python/bundle_native.py build/release/lib

The argument is the folder holding libhpo.so (a build's lib/ or an install's lib/). The
library goes to hpo/_native/libhpo.so and the plugins to hpo/_native/hpo/plugins/, the
layout in which the engine finds its plugins beside itself; with them go the programs that
plugins start from their own folder (hpo-trial-worker, hpo-child-guard).
"""

import argparse
import os
import pathlib
import shutil
import sys

PACKAGE_NATIVE = pathlib.Path(__file__).resolve().parent / "hpo" / "_native"


def bundle(library_dir, target=PACKAGE_NATIVE):
    library = library_dir / "libhpo.so"
    if not library.exists():
        raise SystemExit(f"{library} does not exist: build the `hpo` target first")
    plugin_dir = library_dir / "hpo" / "plugins"
    if target.exists():
        shutil.rmtree(target)
    (target / "hpo" / "plugins").mkdir(parents=True)
    # The real file behind the libhpo.so -> libhpo.so.1 -> libhpo.so.0.2.0 links, as one file.
    shutil.copy2(library.resolve(), target / "libhpo.so")
    plugins = sorted(plugin_dir.glob("*.so")) if plugin_dir.is_dir() else []
    programs = [path for path in plugin_dir.glob("hpo-*") if path.is_file() and os.access(path, os.X_OK)]
    for file in plugins + programs:
        shutil.copy2(file, target / "hpo" / "plugins" / file.name)
    return library, plugins


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("library_dir", type=pathlib.Path, help="folder holding libhpo.so")
    args = parser.parse_args(argv)
    library, plugins = bundle(args.library_dir)
    print(f"bundled {library} and {len(plugins)} plugins into {PACKAGE_NATIVE}")


if __name__ == "__main__":
    main(sys.argv[1:])
