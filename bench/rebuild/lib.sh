# Steps of bench/rebuild.sh. Sourced by it; also run as `bash lib.sh FUNCTION` by hyperfine's
# --prepare hooks, with the variables rebuild.sh exports.
# shellcheck shell=bash

jbuild() { "$repo/jbuild" "$@"; }
bh() { buildah --root "$work/buildah/root" --runroot "$work/buildah/run" --storage-driver "$driver" "$@"; }

# Unmount anything below DIR (deepest first), then delete it: rm -rf must never cross into a
# mount a failed build left behind.
safe_rm() {
  local dir=$1 m
  [[ -e $dir ]] || return 0
  findmnt -rn -o TARGET | awk -v d="$dir" 'index($0, d "/") == 1 || $0 == d' | sort -r |
    while read -r m; do umount -l "$m"; done
  rm -rf "$dir"
}

# "MIRROR SUITE" of the first Debian archive in apt's sources (one-line and deb822 formats).
apt_mirror_suite() {
  cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
    sed 's/\[[^]]*\]//' | awk '
      function done() { if (!found && uri ~ /\/debian\/?$/ && suite != "") { print uri, suite; found = 1; exit } uri = suite = "" }
      /^deb[ \t]/ { uri = $2; suite = $3; done() }
      /^URIs:/ { uri = $2 }
      /^Suites:/ { suite = $2 }
      /^[ \t]*$/ { done() }
      END { done() }'
}

minbase_tarball() {
  local mirror="" suite=""
  read -r mirror suite < <(apt_mirror_suite) || true
  mirror=${MIRROR:-$mirror} suite=${SUITE:-$suite}
  [[ $mirror && $suite ]] || die "no Debian mirror in /etc/apt/sources.list*: set MIRROR and SUITE"
  arch=$(dpkg --print-architecture)
  tarball=$cache/minbase-$suite-$arch.tar
  base_archive=$cache/minbase-$suite-$arch.oci.tar
  if [[ -f $tarball ]]; then
    echo "minbase rootfs: $tarball (cached)"
    return
  fi
  local tmp=$cache/debootstrap.tmp
  safe_rm "$tmp"
  echo "debootstrap --variant=minbase $suite from $mirror (log: $cache/debootstrap.log)"
  debootstrap --variant=minbase --arch="$arch" "$suite" "$tmp" "$mirror" >"$cache/debootstrap.log" 2>&1 ||
    die "debootstrap failed: see $cache/debootstrap.log"
  # As Debian's own container images: no device nodes, no downloaded .debs, no apt lists.
  tar --numeric-owner -C "$tmp" -cf "$tarball.tmp" --exclude='./dev/*' \
    --exclude='./var/cache/apt/archives/*.deb' --exclude='./var/lib/apt/lists/*_*' .
  mv "$tarball.tmp" "$tarball"
  safe_rm "$tmp"
  echo "minbase rootfs: $tarball ($(du -m "$tarball" | cut -f1) MB)"
}

# The base image, built once by jbuild from the rootfs as a named context and saved as an
# oci-archive; both tools' stores import that same file.
base_image() {
  if [[ -f $base_archive && $base_archive -nt $tarball ]]; then
    echo "base image: $base_archive (cached)"
    return
  fi
  local b=$cache/base-build
  safe_rm "$b"
  mkdir -p "$b/rootfs" "$b/meta" "$b/ctx"
  tar --numeric-owner -xpf "$tarball" -C "$b/rootfs"
  restore_owners_script "$b/rootfs" >"$b/meta/restore-owners.sh"
  cp "$here/base.Dockerfile" "$b/ctx/Dockerfile"
  jbuild build --progress=plain --root "$b/store" --build-context rootfs="$b/rootfs" \
    --build-context meta="$b/meta" -t "$base_name" "$b/ctx" >"$b/build.log" 2>&1 ||
    die "jbuild could not build the base image: see $b/build.log"
  jbuild save --root "$b/store" --format oci-archive -o "$b/base.oci.tar" "$base_name" >/dev/null
  verify_base "$b"
  mv "$b/base.oci.tar" "$base_archive"
  safe_rm "$b"
  echo "base image: $base_archive ($(du -m "$base_archive" | cut -f1) MB)"
}

# COPY from a context writes every file as 0:0 (docker's rule). A few minbase files belong to
# other groups (shadow, utmp, mail, staff); put their owners back, then their modes, since
# chown clears set-id bits.
restore_owners_script() {
  echo 'set -eu'
  (cd "$1" && find . -mindepth 1 ! \( -uid 0 -gid 0 \) -printf '%U:%G %m %y %P\n') |
    while read -r owner mode type path; do
      [[ $path != *"'"* ]] || die "a path with a quote in the rootfs: $path"
      echo "chown -h $owner '/$path'"
      [[ $type == l ]] || echo "chmod $mode '/$path'"
    done
}

# The image must hold the rootfs (paths, types, modes, owners, symlink targets, file contents)
# and run a RUN step in buildah too. Hardlinks are compared apart: jbuild's COPY writes them
# as separate files today, where BuildKit's COPY keeps them linked.
verify_base() {
  local b=$1
  mkdir -p "$b/layout"
  tar -xf "$b/base.oci.tar" -C "$b/layout"
  umoci unpack --image "$b/layout:$(umoci ls --layout "$b/layout" | head -1)" "$b/bundle" >/dev/null
  tree_listing "$b/rootfs" >"$b/expected.txt"
  tree_listing "$b/bundle/rootfs" >"$b/actual.txt"
  diff -u "$b/expected.txt" "$b/actual.txt" >"$b/listing.diff" ||
    die "the base image differs from the debootstrap rootfs: see $b/listing.diff"
  echo "base image checked: same $(wc -l <"$b/expected.txt") entries as the rootfs (owners, modes, contents)"
  local want got
  want=$(find "$b/rootfs" -type f -links +1 | wc -l) got=$(find "$b/bundle/rootfs" -type f -links +1 | wc -l)
  [[ $want == "$got" ]] ||
    echo "note: $want files are hardlinked in the rootfs, $got in the image (jbuild's COPY wrote copies)"
  local r=$b/buildah
  mkdir -p "$b/runtrue"
  printf 'FROM %s\nRUN true\n' "$base_name" >"$b/runtrue/Dockerfile"
  buildah --root "$r/root" --runroot "$r/run" pull -q "oci-archive:$b/base.oci.tar" >"$b/id"
  buildah --root "$r/root" --runroot "$r/run" tag "$(cat "$b/id")" "$base_name"
  buildah --root "$r/root" --runroot "$r/run" bud -q --pull=never --network host "$b/runtrue" >/dev/null ||
    die "buildah cannot RUN on the base image"
  buildah --root "$r/root" --runroot "$r/run" rmi -a -f >/dev/null
  echo "base image runs RUN true in jbuild (its owner step) and buildah"
}

tree_listing() {
  (cd "$1" && find . -mindepth 1 -printf '%y %m %U:%G %P -> %l\n' &&
    find . -type f -print0 | xargs -0 sha256sum) | LC_ALL=C sort
}

# The generated context, redone only when the generator or its inputs change. The edited file
# always goes back to its pristine copy (a run that was interrupted may have left it changed).
make_context() {
  local stamp
  stamp=$(cat "$here/gen-context.py" "$here/Dockerfile" "$here/dockerignore" | sha256sum | cut -c1-64)
  if [[ -d $ctx && $(cat "$cache/context.stamp" 2>/dev/null) == "$stamp" ]]; then
    restore_change_file
    echo "cached $(cat "$cache/context.summary")"
    return
  fi
  safe_rm "$ctx"
  rm -f "$cache/context.stamp"
  python3 "$here/gen-context.py" "$ctx" 7 | tee "$cache/context.summary"
  cp -p "$ctx/$change_file" "$cache/context.pristine"
  echo "$stamp" >"$cache/context.stamp"
}

restore_change_file() { cp -p "$cache/context.pristine" "$ctx/$change_file"; }

reset_stores() {
  safe_rm "$work"
  mkdir -p "$work/jbuild" "$work/buildah"
  driver=overlay
}

cleanup_stores() {
  restore_change_file
  if [[ ${KEEP:-} != 1 && -d $work ]]; then
    bh rm -a >/dev/null 2>&1 || true
    bh rmi -a -f >/dev/null 2>&1 || true
    safe_rm "$work"
  fi
}

# Both stores get the same oci-archive; what a cold build starts from. buildah's storage:
# overlay where it works, else vfs (said in the table).
import_jbuild() {
  safe_rm "$work/jbuild"
  jbuild load --root "$work/jbuild" -i "$base_archive" >/dev/null
  # untimed: the launcher makes its class-data archive for builds on the first build after the jar
  # changed (a few seconds, once per jar); a user's first build pays it, not every cold build
  jbuild build --help >/dev/null
}

import_buildah() {
  bh rm -a >/dev/null
  bh rmi -a -f >/dev/null 2>&1 || true
  bh tag "$(bh pull -q "oci-archive:$base_archive")" "$base_name"
}

import_base() {
  import_jbuild
  if ! import_buildah 2>"$work/overlay.err"; then
    echo "buildah: overlay storage failed ($(tail -1 "$work/overlay.err")); using vfs"
    safe_rm "$work/buildah"
    driver=vfs
    import_buildah
  fi
  echo "imported $base_archive into both stores (buildah storage driver: $driver)"
}

jbuild_cmd() { printf '%q ' "$repo/jbuild" build --root "$work/jbuild" -t "$app_name" --build-arg "BASE=$base_name" "$@" "$ctx"; }
buildah_cmd() {
  printf '%q ' buildah --root "$work/buildah/root" --runroot "$work/buildah/run" --storage-driver "$driver" \
    bud --layers --pull=never --network host -t "$app_name" --build-arg "BASE=$base_name" "$@" "$ctx"
}

# One hyperfine run per scenario, both tools; the load average is noted before and after.
bench() { # name, hyperfine options...
  local name=$1
  shift
  echo "$name: load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$work/load.txt"
  hyperfine --style basic --export-json "$work/$name.json" "$@" ||
    { tail -n 15 "$work"/*.out >&2; die "a $name build failed (logs: $work/*.out)"; }
  echo "$name: load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$work/load.txt"
}

run_benchmarks() {
  export repo work ctx driver base_archive base_name here
  local jb bu
  jb=$(jbuild_cmd -q) bu=$(buildah_cmd -q)
  jb+=">>$work/jbuild.out 2>&1" bu+=">>$work/buildah.out 2>&1"
  bench cold --runs "$cold_runs" \
    -n jbuild --prepare "bash $here/lib.sh import_jbuild" "$jb" \
    -n buildah --prepare "bash $here/lib.sh import_buildah >/dev/null" "$bu"
  noop_cache_check
  bench noop --runs "$runs" -n jbuild "$jb" -n buildah "$bu"
  cp -p "$cache/context.pristine" "$work/pristine"
  bench change --runs "$runs" \
    --prepare "$(printf '%q ' "$here/change-one-file.sh" "$work/pristine" "$ctx/$change_file" "$work/counter")" \
    -n jbuild "$jb" -n buildah "$bu"
}

# An untimed no-op rebuild in each tool, output kept: buildah must answer every step from its
# cache ("Using cache"), or its no-op figure would not be a cached rebuild.
noop_cache_check() {
  eval "$(jbuild_cmd --progress=plain)" >"$work/noop-jbuild.log" 2>&1
  eval "$(buildah_cmd)" >"$work/noop-buildah.log" 2>&1
  local steps hits
  steps=$(grep -E '(^|\] )STEP [0-9]+/[0-9]+: ' "$work/noop-buildah.log" | grep -cvE 'STEP [0-9/]+: FROM ' || true)
  hits=$(grep -c -- '--> Using cache' "$work/noop-buildah.log" || true)
  echo "buildah no-op rebuild: $hits of $steps non-FROM steps 'Using cache'" | tee "$work/cachecheck.txt"
  [[ $steps -gt 0 && $hits -eq $steps ]] || die "buildah's no-op rebuild missed its cache: see $work/noop-buildah.log"
  echo "jbuild no-op rebuild: $(grep -c 'CACHED' "$work/noop-jbuild.log" || true) steps reported CACHED" |
    tee -a "$work/cachecheck.txt"
}

# Both tools' final images must hold the same /app for the pristine context: the sources'
# hash computed here, and the same file list, .dockerignore'd files absent.
check_outputs_match() {
  local out=$work/outputs
  mkdir -p "$out/jbuild" "$out/buildah"
  eval "$(jbuild_cmd -q)" >/dev/null
  eval "$(buildah_cmd -q)" >/dev/null
  jbuild save --root "$work/jbuild" --format oci-dir -o "$out/jbuild-oci" "$app_name" >/dev/null
  umoci unpack --image "$out/jbuild-oci:$(umoci ls --layout "$out/jbuild-oci" | head -1)" "$out/jbuild-bundle" >/dev/null
  cp "$out/jbuild-bundle/rootfs/app/"* "$out/jbuild/"
  local c m
  c=$(bh from --pull-never -q "$app_name")
  m=$(bh mount "$c")
  cp "$m/app/"* "$out/buildah/"
  bh umount "$c" >/dev/null
  bh rm "$c" >/dev/null
  local want
  want=$(cd "$ctx" && find src -type f -name '*.java' | LC_ALL=C sort | xargs cat | sha256sum | cut -c1-64)
  grep -q "^$want " "$out/jbuild/bundle.sha256" || die "jbuild's /app/bundle.sha256 is not the sources' hash $want"
  diff -r "$out/jbuild" "$out/buildah" >"$out/diff.txt" || die "jbuild's and buildah's /app differ: see $out/diff.txt"
  ! grep -qE '^\./(\.git|build)(/|$)|/run[0-9]+\.log$' "$out/jbuild/files.txt" ||
    die "a .dockerignore'd file reached the build: see $out/jbuild/files.txt"
  grep -qx './logs/keep.log' "$out/jbuild/files.txt" || die "logs/keep.log (re-included by !) is missing"
  echo "outputs: same /app in both images ($(wc -l <"$out/jbuild/files.txt") context entries seen by the RUN, sources' sha256 ${want:0:12}…)"
}

print_table() {
  python3 - "$work" "$driver" <<'PY'
import json, sys
work, driver = sys.argv[1], sys.argv[2]
names = {"cold": "first build (cold)", "noop": "no-op rebuild", "change": "one file changed"}
targets = {"noop": (0.1, 1.0), "change": (0.5, None)}
print("\n%-20s %-8s %9s %8s %8s %8s %5s" % ("scenario", "tool", "median s", "min", "max", "cpu s", "runs"))
for key, label in names.items():
    res = {r["command"]: r for r in json.load(open("%s/%s.json" % (work, key)))["results"]}
    for tool in ("jbuild", "buildah"):
        r = res[tool]
        print("%-20s %-8s %9.2f %8.2f %8.2f %8.2f %5d" % (label, tool, r["median"], r["min"], r["max"],
                                                    r["user"] + r["system"], len(r["times"])))
    ratio = res["jbuild"]["median"] / res["buildah"]["median"]
    note = ""
    if key in targets:
        limit, abs_s = targets[key]
        ok = ratio <= limit and (abs_s is None or res["jbuild"]["median"] < abs_s)
        note = "  target <= %.1fx%s: %s" % (limit, "" if abs_s is None else " and < %.0f s" % abs_s,
                                          "met" if ok else "not met")
    print("%-20s %-8s %8.2fx%s" % (label, "ratio", ratio, note))
print("cpu s: mean user+system time of the tool and its child processes, per run")
print("\nbuildah: --layers, storage driver %s, --network host, isolation oci (runc)" % driver)
PY
  cat "$work/cachecheck.txt" "$work/load.txt"
}

die() { echo "rebuild.sh: $*" >&2; exit 1; }

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then # run by hyperfine: bash lib.sh FUNCTION
  set -euo pipefail
  "$@"
fi
