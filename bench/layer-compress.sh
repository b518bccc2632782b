#!/usr/bin/env bash
# tar+gzip of ~SIZE_MB of mixed files: jbuild parallel gzip vs jbuild 1 thread vs
# `tar -c | gzip -6` (and `| pigz -6` when installed), side by side on this machine.
# Usage: bench/layer-compress.sh [DIR]   (without DIR, copies SIZE_MB (default 200) of
# docs, executables and libraries from /usr)
# Peak heap is capped at 256 MiB (-Xmx256m) to show the writer streams.
set -euo pipefail
# Needs bc (and pigz for the pigz row): apt-get install -y bc pigz
repo=$(cd "$(dirname "$0")/.." && pwd)
size_mb=${SIZE_MB:-200}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

data=${1:-}
if [ -z "$data" ]; then
  # a realistic mix: 30% docs and text (very compressible), 35% executables, 35% libraries
  data=$work/data
  mkdir -p "$data"
  pick() { # dir, MB budget
    # tab-separated, so names with spaces survive
    find "$1" -type f -size -30M -printf '%s\t%p\n' 2>/dev/null | sort -t "$(printf '\t')" -k2 |
      awk -F '\t' -v max=$(($2 * 1048576)) '{ s += $1; if (s <= max) print $2 }'
  }
  { pick /usr/share/doc $((size_mb * 30 / 100)); pick /usr/bin $((size_mb * 35 / 100));
    pick /usr/lib/x86_64-linux-gnu $((size_mb * 35 / 100)); } > "$work/list"
  tar -cf - --ignore-failed-read -T "$work/list" 2>/dev/null | tar -xf - -C "$data" || true
fi
echo "input: $(du -sm "$data" | cut -f1) MB, $(find "$data" -type f | wc -l) files, $(nproc) cores"

cd "$repo"
mvn -B -q -o -pl layer-builder -am test-compile >/dev/null
mvn -B -q -o -pl layer-builder dependency:build-classpath -Dmdep.outputFile="$work/cp" >/dev/null
cp="layer-builder/target/classes:layer-builder/target/test-classes:$(cat "$work/cp")"

java -Xmx256m -cp "$cp" dev.jbuild.bench.LayerCompressBench "$data" 1

bytes=$(tar -cf - -C "$data" . | wc -c)
t0=$(date +%s.%N); tar -cf - -C "$data" . | gzip -6 > /dev/null; t1=$(date +%s.%N)
echo "tar | gzip -6         : $(echo "$bytes / 1000000 / ($t1 - $t0)" | bc -l | xargs printf '%.1f') MB/s"
if command -v pigz >/dev/null; then
  t0=$(date +%s.%N); tar -cf - -C "$data" . | pigz -6 > /dev/null; t1=$(date +%s.%N)
  echo "tar | pigz -6         : $(echo "$bytes / 1000000 / ($t1 - $t0)" | bc -l | xargs printf '%.1f') MB/s"
else
  echo "tar | pigz -6         : pigz not installed"
fi
