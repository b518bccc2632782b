#!/usr/bin/env bash
# Rebuild benchmark (issue #7): jbuild vs buildah --layers, side by side on this machine.
# Two-stage Dockerfile on a Debian minbase image, ~6,000 files / 120 MB of context; times a
# cold first build, a no-op rebuild and a rebuild after editing one source file, RUNS each
# (default 5), and prints medians and the jbuild/buildah ratios. Run as root:
#   bench/rebuild.sh [RUNS]
# Cached under /var/tmp/jbuild-bench/ (delete it to start over): the debootstrap tarball, the
# base image as an oci-archive, the generated context. Env: MIRROR, SUITE (default: from apt's
# sources), COLD_RUNS (default RUNS), KEEP=1 keeps the stores of the last run.
set -euo pipefail

runs=${1:-5}
cold_runs=${COLD_RUNS:-$runs}
repo=$(cd "$(dirname "$0")/.." && pwd)
here=$repo/bench/rebuild
cache=/var/tmp/jbuild-bench
work=$cache/run
base_name=localhost/jbuild-bench/minbase:bookworm
app_name=localhost/jbuild-bench/app:latest
ctx=$cache/context
change_file=src/main/app/core/Main.java # gen-context.py always writes it

say() { printf '\n== %s\n' "$*" >&2; }

source "$here/lib.sh"

[[ $EUID -eq 0 ]] || die "run as root (debootstrap and buildah's own storage need it)"
[[ $runs =~ ^[1-9][0-9]*$ && $cold_runs =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number, got '$runs'"
for tool in debootstrap buildah hyperfine python3 runc umoci findmnt; do
  command -v "$tool" >/dev/null || die "$tool is missing: apt-get install $tool"
done

mkdir -p "$cache"
say "base image"
minbase_tarball
base_image
say "context"
make_context

say "stores (fresh) under $work"
reset_stores
trap 'cleanup_stores' EXIT
import_base

say "timings"
run_benchmarks
restore_change_file
print_table
say "checks"
check_outputs_match
