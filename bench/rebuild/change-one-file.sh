#!/usr/bin/env bash
# hyperfine --prepare for the one-file scenario: give FILE the pristine content ORIG plus one
# numbered line. Every run is the same edit (same file, same size) with bytes no earlier run
# produced, so neither tool can answer it from a cache entry an earlier run left behind.
# Usage: change-one-file.sh ORIG FILE COUNTER_FILE
set -euo pipefail
orig=$1 file=$2 counter=$3
n=$(( $(cat "$counter" 2>/dev/null || echo 0) + 1 ))
echo "$n" >"$counter"
{ cat "$orig"; printf '// change %06d\n' "$n"; } >"$file.new"
mv "$file.new" "$file"
