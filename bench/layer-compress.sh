#!/usr/bin/env bash
# tar+gzip of ~SIZE_MB of mixed files: jbuild parallel gzip vs jbuild 1 thread vs
# `tar -c | gzip -6` (and `| pigz -6` when installed), side by side on this machine.
# Usage: bench/layer-compress.sh [DIR]   (without DIR, generates SIZE_MB (default 200) of data)
# Peak heap is capped at 256 MiB (-Xmx256m) to show the writer streams.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
size_mb=${SIZE_MB:-200}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

data=${1:-}
if [ -z "$data" ]; then
  data=$work/data
  mkdir -p "$data/text" "$data/bin" "$data/small"
  # ~45% text-like (compressible), ~35% random (incompressible), ~20% many small files
  for i in $(seq 1 $((size_mb * 45 / 100 / 5))); do
    base64 -w 76 < <(head -c 2600000 /dev/urandom | tr -dc 'a-f0-9 \n' | head -c 2000000; \
      seq 1 60000) | head -c 5242880 > "$data/text/t$i.txt"
  done
  for i in $(seq 1 $((size_mb * 35 / 100 / 5))); do
    head -c 5242880 /dev/urandom > "$data/bin/b$i.bin"
  done
  for i in $(seq 1 $((size_mb * 20 / 100 * 64))); do
    seq "$i" $((i + 2000)) > "$data/small/s$i"
  done
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
