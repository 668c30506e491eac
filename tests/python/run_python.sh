#!/bin/sh
# Runs the Python binding tests under the system interpreter (where Debian's pytest, numpy,
# scikit-learn and pandas live). Exits 77, which CTest reads as "skipped", when that
# interpreter or pytest is missing.
python=/usr/bin/python3
if [ ! -x "$python" ]; then
    echo "skipped: $python is missing"
    exit 77
fi
if ! "$python" -c "import pytest" 2>/dev/null; then
    echo "skipped: pytest is not installed for $python (apt install python3-pytest)"
    exit 77
fi
# No bytecode or cache files in the source tree.
export PYTHONDONTWRITEBYTECODE=1
exec "$python" -m pytest -q -p no:cacheprovider "$@"
