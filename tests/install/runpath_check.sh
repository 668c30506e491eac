#!/usr/bin/env bash
# usage: runpath_check.sh DIR...
# Every ELF file under the DIRs may only look for libraries where it says, never in the folder
# it was started from: no empty RUNPATH/RPATH entry (the loader reads one as the current
# folder, so a libstdc++.so.6 left in a study's folder would be loaded into hpo) and nothing
# relative that is not anchored at $ORIGIN.
set -euo pipefail
failures=0
checked=0
while IFS= read -r -d '' file; do
  [[ $(head -c 4 "$file" | od -An -c | tr -d ' ') == 177ELF ]] || continue
  checked=$((checked + 1))
  entries=$(readelf -d "$file" | sed -n 's/.*(\(RUNPATH\|RPATH\)).*\[\(.*\)\]$/\2/p')
  [[ -z $entries ]] && continue
  IFS=: read -r -a paths <<<"$entries:"  # the trailing ':' keeps a trailing empty entry
  for path in "${paths[@]}"; do
    if [[ -z $path || ( $path != /* && $path != '$ORIGIN'* ) ]]; then
      echo "FAIL: $file looks for libraries in the current folder: RUNPATH [$entries]" >&2
      failures=$((failures + 1))
      break
    fi
  done
done < <(find "$@" -type f -print0)
[[ $checked -gt 0 ]] || { echo "FAIL: no ELF file under $*" >&2; exit 1; }
echo "$checked ELF files checked, $failures with a RUNPATH that searches the current folder"
[[ $failures -eq 0 ]]
