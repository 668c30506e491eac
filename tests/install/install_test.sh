#!/usr/bin/env bash
# usage: install_test.sh BUILD_DIR SOURCE_DIR CMAKE GENERATOR
set -euo pipefail
build=$1 source=$2 cmake=$3 generator=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
fail() { echo "FAIL: $*" >&2; exit 1; }

"$cmake" --install "$build" --prefix "$prefix" >/dev/null
"$(dirname "$0")/runpath_check.sh" "$prefix/bin" "$prefix/lib" >/dev/null \
  || fail "an installed program or library looks for libraries in the current folder"
# Nothing of the build tree may leak into the install: hide it from the installed binary.
unset HPO_PLUGIN_PATH
plugins=$("$prefix/bin/hpo" plugins --json)
grep -q "\"file\": *\"$prefix/lib/hpo/plugins/libhpo_random.so\"" <<<"$plugins" \
  || fail "the installed hpo does not load random from $prefix/lib/hpo/plugins: $plugins"
grep -q "$build" <<<"$plugins" && fail "the installed hpo loads something from the build tree: $plugins"

# An out-of-tree sampler, built against the installed headers and CMake package alone.
"$cmake" -S "$source/samples/plugin" -B "$work/halton" -G "$generator" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_BUILD_TYPE=Release >/dev/null
"$cmake" --build "$work/halton" >/dev/null
"$cmake" --install "$work/halton" >/dev/null
# Through a file: grep -q stops reading at the first match, and a pipe would then cut hpo short.
"$prefix/bin/hpo" plugins >"$work/plugins.txt"
grep -q "halton" "$work/plugins.txt" || fail "the installed hpo does not list the halton plugin"

cat >"$work/halton.json" <<STUDY
{"study": {"sampler": "halton", "seed": 1},
 "objective": {"name": "benchmarks", "options": {"function": "branin"}},
 "optimize": {"n_trials": 64}}
STUDY
out=$("$prefix/bin/hpo" run "$work/halton.json" --json --quiet)
grep -q '"COMPLETE": 64' <<<"$out" || fail "a study with the halton sampler did not complete 64 trials: $out"
# The storage conformance suite, installed for out-of-tree storages, run on an installed one.
"$prefix/bin/hpo_storage_conformance" --library "$prefix/lib/hpo/plugins/libhpo_journal.so" \
  --url "journal:///{dir}/c.log" -tc='*taken name*' >"$work/conformance.txt" 2>&1 \
  || fail "the installed storage conformance suite fails on the installed journal: $(cat "$work/conformance.txt")"
echo "1 passed, 0 failed"
