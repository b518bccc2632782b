#!/usr/bin/env bash
# The README's main job: build samples/busybox (a base image from Debian's busybox-static) and
# samples/webapp on it (RUN steps included), end to end and offline, then show the result.
# Needs a JDK 17+ and Maven; installs busybox-static and uidmap when run as root.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
[[ -x /bin/busybox ]] || need+=(busybox-static)
if [[ $(id -u) -ne 0 ]]; then
  command -v newuidmap >/dev/null || need+=(uidmap)
fi
if ((${#need[@]})); then
  if [[ $(id -u) -eq 0 ]]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "scripts/sample.sh: install first: sudo apt-get install -y ${need[*]}" >&2
    exit 1
  fi
fi
# RUN steps need an OCI runtime or util-linux's unshare; runc is the default when present.
if [[ $(id -u) -eq 0 ]] && ! command -v runc >/dev/null; then
  apt-get install -y -qq runc >/dev/null 2>&1 || true
fi

out="${1:-$(mktemp -d /tmp/jbuild-sample.XXXXXX)}"
mkdir -p "$out"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1700000000}"
store="$out/store"

./jbuild build --progress=plain --root "$store" \
  --build-context busybox-bin=/bin -t jbuild-samples/busybox:1 samples/busybox

./jbuild build --progress=plain --root "$store" \
  -t webapp:1 \
  --iidfile "$out/iid" \
  -o "type=oci,dest=$out/webapp-oci,tar=false" \
  -o "type=docker,dest=$out/webapp-docker.tar" \
  samples/webapp

echo
echo "image ID:        $(cat "$out/iid")"
echo "OCI layout:      $out/webapp-oci"
echo "docker-archive:  $out/webapp-docker.tar"
echo "local store:     $store"
./jbuild images --root "$store"
