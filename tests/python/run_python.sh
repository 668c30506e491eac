#!/bin/sh
# run_python.sh MODULES ARGS...: runs /usr/bin/python3 ARGS (where Debian's pytest, numpy,
# scikit-learn and pandas live) after checking that the comma-separated MODULES import.
# Exits 77, which CTest reads as "skipped", when the interpreter or a module is missing.
python=/usr/bin/python3
modules=$1
shift
if [ ! -x "$python" ]; then
    echo "skipped: $python is missing"
    exit 77
fi
if ! "$python" -c "import $modules" 2>/dev/null; then
    echo "skipped: $python cannot import $modules"
    exit 77
fi
# No bytecode or cache files in the source tree.
export PYTHONDONTWRITEBYTECODE=1
exec "$python" "$@"
