#!/usr/bin/env bash
# Start-up time of the launcher: `./jbuild --version`, median over repeated runs (hyperfine),
# next to `buildah --version` on the same machine for scale.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "install hyperfine (apt-get install hyperfine)" >&2; exit 1; }
./jbuild --version >/dev/null   # builds the jar and the CDS archive if needed
args=(--warmup 3 --runs "${RUNS:-30}" --export-json "${OUT:-/tmp/jbuild-startup.json}")
cmds=("./jbuild --version")
command -v buildah >/dev/null && cmds+=("buildah --version")
hyperfine "${args[@]}" "${cmds[@]}"
python3 - "${OUT:-/tmp/jbuild-startup.json}" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f'{r["command"]}: median {r["median"]*1000:.0f} ms (user {r["user"]*1000:.0f} ms, system {r["system"]*1000:.0f} ms)')
PY
