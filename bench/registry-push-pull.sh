#!/usr/bin/env bash
# Push and pull of a ~300 MB, 5-layer image to/from a local docker-registry (distribution 2.8),
# the `./jbuild push` / `./jbuild pull` commands a user runs (JVM start-up included) vs
# `skopeo copy`, side by side in one run. Every run gets a fresh registry (empty storage) so
# neither tool finds blobs already there; jbuild pushes from its local store and pulls into an
# empty one, skopeo pushes from an OCI layout and pulls into an empty one.
#   bench/registry-push-pull.sh [runs] [bytes-per-layer]
# Prints wall time and CPU (user+sys) per run, medians, and the load average before and after:
# the machine is shared, so read the figures next to the load.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
LAYER_BYTES=${2:-62914560}   # 60 MiB x 5 layers
WORK=$(mktemp -d /tmp/jbuild-bench-registry.XXXXXX)
REG_PID=""
cleanup() { [[ -n $REG_PID ]] && kill "$REG_PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

mvn -B -q -o -pl registry-client -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >/dev/null
CP="registry-client/target/test-classes:registry-client/target/classes:layer-builder/target/classes:$(cat "$WORK/cp.txt")"

start_registry() {
  local port; port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  rm -rf "$WORK/storage"
  cat >"$WORK/config.yml" <<YML
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $WORK/storage}, delete: {enabled: true}}
http: {addr: "127.0.0.1:$port", secret: bench}
YML
  docker-registry serve "$WORK/config.yml" >"$WORK/registry.log" 2>&1 &
  REG_PID=$!
  REG="127.0.0.1:$port"
  for _ in $(seq 100); do curl -sf "http://$REG/v2/" >/dev/null && return; sleep 0.1; done
  echo "registry did not start" >&2; exit 1
}
stop_registry() { kill "$REG_PID"; wait "$REG_PID" 2>/dev/null || true; REG_PID=""; }

# timed <name> command...: runs it quietly, appends "wall cpu" to $WORK/<name>, fails loudly
timed() {
  local name=$1 t; shift
  local TIMEFORMAT='%R %U %S'
  if ! t=$( { time "$@" >"$WORK/out" 2>"$WORK/err"; } 2>&1 ); then
    cat "$WORK/err" >&2; exit 1
  fi
  read -r wall user sys <<<"$t"
  echo "$wall $(python3 -c "print(f'{$user+$sys:.2f}')")" >>"$WORK/$name"
  LAST="${wall}s (cpu $(tail -1 "$WORK/$name" | cut -d' ' -f2)s)"
}

jb_push() { ./jbuild push --root "$WORK/store" "$IMAGE_ID" "$REG/bench/img:1"; }
jb_pull() { rm -rf "$WORK/pulled"; ./jbuild pull --root "$WORK/pulled" "$REG/bench/img:1"; }
sk_push() { skopeo copy -q --dest-tls-verify=false "oci:$WORK/layout:bench" "docker://$REG/bench/img:1"; }
sk_pull() { rm -rf "$WORK/pulled"; skopeo copy -q --src-tls-verify=false "docker://$REG/bench/img:1" "oci:$WORK/pulled:bench"; }

echo "generating 5 x $LAYER_BYTES bytes of random layers..."
java -XX:+UseParallelGC -cp "$CP" dev.jbuild.registry.bench.RegistryBench generate "$WORK/layout" 5 "$LAYER_BYTES"
du -sh "$WORK/layout/blobs" | sed 's/^/image size: /'
IMAGE_ID=$(./jbuild load --root "$WORK/store" -i "$WORK/layout" | sed -n 's/^Loaded image ID: //p')
# warm-up, untimed: page cache for both sources, and the launcher's first push/pull writes its
# class-data-sharing archives (as a user's first push and pull would)
for tool in jb sk; do start_registry; "${tool}_push" >/dev/null 2>&1; "${tool}_pull" >/dev/null 2>&1; stop_registry; done

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$RUNS"); do
  for tool in $( ((i % 2)) && echo "jb sk" || echo "sk jb"); do
    start_registry
    timed "$tool-push" "${tool}_push"; push=$LAST
    timed "$tool-pull" "${tool}_pull"; pull=$LAST
    stop_registry
    echo "run $i $([[ $tool == jb ]] && echo jbuild || echo skopeo): push $push  pull $pull"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$WORK" <<'PY'
import statistics, sys
def col(name, i): return [float(l.split()[i]) for l in open(f"{sys.argv[1]}/{name}")]
m = statistics.median
for op in ("push", "pull"):
    jw, sw = m(col(f"jb-{op}", 0)), m(col(f"sk-{op}", 0))
    jc, sc = m(col(f"jb-{op}", 1)), m(col(f"sk-{op}", 1))
    print(f"median {op}: jbuild {jw:.2f}s (cpu {jc:.2f}s)  skopeo {sw:.2f}s (cpu {sc:.2f}s)"
          f"  wall ratio jbuild/skopeo {jw/sw:.2f}x")
PY
