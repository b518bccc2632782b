#!/usr/bin/env bash
# Push and pull of a ~300 MB, 5-layer image to/from a local docker-registry (distribution 2.8),
# jbuild's registry client vs `skopeo copy`, side by side in one run. Every run gets a fresh
# registry (empty storage) so neither tool finds blobs already there.
#   bench/registry-push-pull.sh [runs] [bytes-per-layer]
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
jb() { java -XX:+UseParallelGC -cp "$CP" dev.jbuild.registry.bench.RegistryBench "$@"; }

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
now() { date +%s.%N; }
elapsed() { python3 -c "print(f'{$2-$1:.2f}')"; }

echo "generating 5 x $LAYER_BYTES bytes of random layers..."
jb generate "$WORK/layout" 5 "$LAYER_BYTES"
du -sh "$WORK/layout/blobs" | sed 's/^/image size: /'

declare -a JP SP JL SL
for i in $(seq "$RUNS"); do
  # push: jbuild, then skopeo, each into an empty registry (order alternates per run)
  for tool in $( ((i % 2)) && echo "jbuild skopeo" || echo "skopeo jbuild"); do
    start_registry
    t0=$(now)
    if [[ $tool == jbuild ]]; then
      jb push "$WORK/layout" "$REG/bench/img:1"
    else
      skopeo copy -q --dest-tls-verify=false "oci:$WORK/layout:bench" "docker://$REG/bench/img:1"
    fi
    t1=$(now)
    # pull what was just pushed into a fresh directory
    rm -rf "$WORK/pull"
    t2=$(now)
    if [[ $tool == jbuild ]]; then
      jb pull "$REG/bench/img:1" "$WORK/pull" >/dev/null
    else
      skopeo copy -q --src-tls-verify=false "docker://$REG/bench/img:1" "oci:$WORK/pull:bench"
    fi
    t3=$(now)
    stop_registry
    if [[ $tool == jbuild ]]; then JP+=("$(elapsed "$t0" "$t1")"); JL+=("$(elapsed "$t2" "$t3")")
    else SP+=("$(elapsed "$t0" "$t1")"); SL+=("$(elapsed "$t2" "$t3")"); fi
    echo "run $i $tool: push $(elapsed "$t0" "$t1")s pull $(elapsed "$t2" "$t3")s"
  done
done

python3 - "${JP[*]}" "${SP[*]}" "${JL[*]}" "${SL[*]}" <<'PY'
import statistics, sys
jp, sp, jl, sl = ([float(x) for x in a.split()] for a in sys.argv[1:5])
m = statistics.median
print(f"median push: jbuild {m(jp):.2f}s  skopeo {m(sp):.2f}s  ratio jbuild/skopeo {m(jp)/m(sp):.2f}x")
print(f"median pull: jbuild {m(jl):.2f}s  skopeo {m(sl):.2f}s  ratio jbuild/skopeo {m(jl)/m(sl):.2f}x")
PY
