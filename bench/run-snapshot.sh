#!/usr/bin/env bash
# A RUN that changes one file on top of a ~200 MB rootfs: jbuild vs buildah, side by side.
# Both build the same Dockerfile FROM the same base (built by jbuild, handed to buildah as an
# OCI layout), warm (base layers already unpacked by each tool), RUNS times each; median wall.
# Needs root (buildah's storage here), buildah, runc, busybox-static.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-5}
work=/tmp/jbuild-runbench-$$; mkdir -p "$work"  # lowercase: buildah names oci: pulls after the path
trap 'buildah --root "$work/b-root" --runroot "$work/b-run" rm -a >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
cd "$repo"
jbuild=("$repo/jbuild")
store="$work/store"

# ~200 MB of libraries and binaries as the base's content.
mkdir -p "$work/payload/opt/payload"
find /usr/lib/x86_64-linux-gnu -type f -size -20M -printf '%s\t%p\n' | sort -t "$(printf '\t')" -k2 |
  awk -F '\t' '{ s += $1; if (s <= 200 * 1048576) print $2 }' > "$work/list"
tar -cf - -T "$work/list" 2>/dev/null | tar -xf - -C "$work/payload/opt/payload" || true
echo "payload: $(du -sm "$work/payload" | cut -f1) MB in $(wc -l < "$work/list") files"

mkdir -p "$work/base" "$work/app"
printf 'FROM jbuild-samples/busybox:1\nCOPY --from=payload / /\n' > "$work/base/Dockerfile"
printf 'FROM base200:1\nRUN echo changed > /etc/changed-file\n' > "$work/app/Dockerfile"
"${jbuild[@]}" build -q --root "$store" --build-context busybox-bin=/bin -t jbuild-samples/busybox:1 samples/busybox >/dev/null
"${jbuild[@]}" build -q --root "$store" --build-context payload="$work/payload" -t base200:1 \
  -o "type=oci,dest=$work/base-oci,tar=false" "$work/base" >/dev/null

b=(buildah --root "$work/b-root" --runroot "$work/b-run")
"${b[@]}" pull -q "oci:$work/base-oci:1" >/dev/null
"${b[@]}" tag "$("${b[@]}" images -q | head -1)" localhost/base200:1
sed 's/FROM base200:1/FROM localhost\/base200:1/' "$work/app/Dockerfile" > "$work/app/Dockerfile.buildah"

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
time_it() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }

# warm-up: unpack the base once in each tool
"${jbuild[@]}" build -q --root "$store" --no-cache "$work/app" >/dev/null
"${b[@]}" bud -q --layers=false --network host -f "$work/app/Dockerfile.buildah" "$work/app" >/dev/null

j=$(for _ in $(seq "$runs"); do time_it "${jbuild[@]}" build -q --root "$store" --no-cache "$work/app"; done | median)
bd=$(for _ in $(seq "$runs"); do time_it "${b[@]}" bud -q --layers=false --network host -f "$work/app/Dockerfile.buildah" "$work/app"; done | median)
step=$("${jbuild[@]}" build --progress=plain --root "$store" --no-cache "$work/app" 2>&1 | awk '/RUN echo changed/ { id = $1 } id && $1 == id && $2 == "DONE" { print $3 }')
printf 'jbuild build (FROM 200 MB base, RUN changes 1 file): median %.2f s (RUN step %s)\n' "$j" "$step"
printf 'buildah bud  (same Dockerfile, same base):          median %.2f s\n' "$bd"
printf 'ratio jbuild / buildah: %.2fx\n' "$(echo "$j / $bd" | bc -l)"
