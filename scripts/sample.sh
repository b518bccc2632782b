#!/usr/bin/env bash
# The README's main job: build samples/hello end to end, offline, and show the result.
# Needs only a JDK 17+ and Maven; the first run builds the CLI (./jbuild does that itself).
set -euo pipefail
cd "$(dirname "$0")/.."

out="${1:-$(mktemp -d /tmp/jbuild-sample.XXXXXX)}"
mkdir -p "$out"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1700000000}"

./jbuild build --progress=plain --root "$out/store" \
  -t hello:1 \
  --iidfile "$out/iid" \
  -o "type=oci,dest=$out/hello-oci,tar=false" \
  samples/hello

echo
echo "image ID:        $(cat "$out/iid")"
echo "OCI layout:      $out/hello-oci"
echo "local store:     $out/store"
echo "index.json:      $(cat "$out/hello-oci/index.json")"
