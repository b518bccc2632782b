#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian/Ubuntu machine with a JDK 17+ and Maven.
# Installs the Debian packages the tests use (as root), creates the unprivileged test user
# with a subuid/subgid range for the rootless tests, then runs `mvn -B verify`.
set -euo pipefail
cd "$(dirname "$0")/.."

# Tools the tests call as external readers, servers and sandboxes.
PACKAGES=(skopeo umoci podman docker-registry busybox-static runc uidmap util-linux iproute2 apache2-utils tar git xz-utils)
TEST_USER=jbuild-test

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "scripts/test.sh: missing packages. Install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The unprivileged user the rootless tests run jbuild as, with its own subuid/subgid range.
if [[ $(id -u) -eq 0 ]]; then
  id "$TEST_USER" >/dev/null 2>&1 || useradd --create-home --shell /bin/bash "$TEST_USER"
  grep -q "^$TEST_USER:" /etc/subuid 2>/dev/null || echo "$TEST_USER:300000:65536" >>/etc/subuid
  grep -q "^$TEST_USER:" /etc/subgid 2>/dev/null || echo "$TEST_USER:300000:65536" >>/etc/subgid
  export JBUILD_TEST_USER="$TEST_USER"
fi

# Conformance vectors from the reference implementations, when present (CI always has them).
: "${JBUILD_CONFORMANCE_DIR:=$(cd .. && pwd)/shared/conformance}"
if [[ -d "$JBUILD_CONFORMANCE_DIR" ]]; then
  export JBUILD_CONFORMANCE_DIR
  echo "conformance vectors: $JBUILD_CONFORMANCE_DIR"
else
  unset JBUILD_CONFORMANCE_DIR
  echo "conformance vectors: not found, conformance suite not run"
fi

mvn -B -ntp verify "$@"
