package dev.jbuild.rootless;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Writes the built-in sandbox's setup script; every value is shell-quoted. */
final class BuiltinScript {
  private static final List<String> DEVICES =
      List.of("null", "zero", "full", "random", "urandom", "tty");

  private final Tools tools;
  private final SandboxHostFacts facts;
  private final SandboxSpec spec;
  private final MountStubs stubs;
  private final Path work;
  private final Path top;
  private final StringBuilder out = new StringBuilder();

  /** The host dirs visible after pivot_root, read-only: the last hop's tools and libraries. */
  static final List<String> HOST_SYSTEM_DIRS =
      List.of("usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32");

  BuiltinScript(
      Tools tools, SandboxHostFacts facts, SandboxSpec spec, MountStubs stubs, Path work) {
    this.tools = tools;
    this.facts = facts;
    this.spec = spec;
    this.stubs = stubs;
    this.work = work;
    this.top = work.resolve("t");
  }

  /**
   * The script. Status goes to fd 9 (the status file), which survives pivot_root and is closed for
   * the step. The step's root is {@code /r} inside a tmpfs that also holds the host's system dirs
   * read-only (the tools the last hop needs); the host's own root is unmounted, so nothing else of
   * the host is reachable even by escaping the chroot.
   */
  String text(Path status) {
    String mount = tools.require("mount", "set up the step's mounts").toString();
    line("exec 9>>" + Shell.quote(status));
    line("fail() { echo \"error: $1\" >&9; exit 125; }");
    line("m() { " + Shell.quote(mount) + " \"$@\" 2>&9; }");
    sandboxRoot();
    proc();
    dev();
    sys();
    etc();
    extraMounts();
    identity();
    pivot();
    line("exec " + Shell.words(FinalExec.argv(tools, spec, "/r", facts)) + " 9>&-");
    return out.toString();
  }

  private void sandboxRoot() {
    String t = Shell.quote(top);
    line(
        "mkdir -p "
            + t
            + " && m -t tmpfs -o mode=755 tmpfs "
            + t
            + " || fail 'mounting the sandbox root'");
    String r = Shell.quote(top.resolve("r"));
    line(
        "mkdir "
            + r
            + " && m --rbind "
            + Shell.quote(spec.rootfs())
            + " "
            + r
            + " || fail 'binding the rootfs'");
    for (String dir : HOST_SYSTEM_DIRS) {
      String host = Shell.quote("/" + dir);
      String in = Shell.quote(top.resolve(dir));
      line(
          "if [ -L "
              + host
              + " ]; then ln -s \"$(readlink "
              + host
              + ")\" "
              + in
              + ";"
              + " elif [ -d "
              + host
              + " ]; then mkdir "
              + in
              + " && m --rbind "
              + host
              + " "
              + in
              + " || fail "
              + Shell.quote("binding /" + dir)
              + "; m -o remount,bind,ro "
              + in
              + " || :; fi");
    }
    // umount(8) reads /proc/self/mountinfo after pivot_root: the sandbox pid namespace's proc
    String proc = Shell.quote(top.resolve("proc"));
    line(
        "mkdir "
            + proc
            + " && m -t proc -o nosuid,nodev,noexec proc "
            + proc
            + " || fail 'mounting proc in the sandbox root'");
    String cache = Shell.quote(top.resolve("etc/ld.so.cache"));
    line(
        "if [ -f /etc/ld.so.cache ]; then mkdir "
            + Shell.quote(top.resolve("etc"))
            + " && : >"
            + cache
            + " && m --bind /etc/ld.so.cache "
            + cache
            + " || fail 'binding ld.so.cache'; fi");
  }

  private void pivot() {
    String pivotRoot = tools.require("pivot_root", "enter the sandbox root").toString();
    String umount = tools.require("umount", "detach the host's root").toString();
    line(
        "cd "
            + Shell.quote(top)
            + " && "
            + Shell.quote(pivotRoot)
            + " . . 2>&9"
            + " || fail 'pivot_root into the sandbox root'");
    line(Shell.quote(umount) + " -l . 2>&9 || fail 'detaching the host root'");
    line("cd /");
  }

  /** Where a rootfs path is mounted before pivot_root: under the sandbox root's /r. */
  private Path inTop(Path inRootfs) {
    return top.resolve("r").resolve(spec.rootfs().relativize(inRootfs).toString());
  }

  private void proc() {
    Path proc = inTop(stubs.ensure("/proc", false));
    line(
        "m -t proc -o nosuid,nodev,noexec proc " + Shell.quote(proc) + " || fail 'mounting /proc'");
  }

  private void dev() {
    Path dev = inTop(stubs.ensure("/dev", false));
    String d = Shell.quote(dev);
    line("m -t tmpfs -o nosuid,mode=755,size=65536k tmpfs " + d + " || fail 'mounting /dev'");
    for (String name : DEVICES) {
      String target = Shell.quote(dev.resolve(name));
      line(
          ": >"
              + target
              + " && m --bind /dev/"
              + name
              + " "
              + target
              + " || fail 'binding /dev/"
              + name
              + "'");
    }
    line("mkdir " + Shell.quote(dev.resolve("pts")) + " " + Shell.quote(dev.resolve("shm")));
    String ptsOptions =
        "newinstance,ptmxmode=0666,mode=0620" + (facts.ttyGidMapped() ? ",gid=5" : "");
    line(
        "m -t devpts -o nosuid,noexec,"
            + ptsOptions
            + " devpts "
            + Shell.quote(dev.resolve("pts"))
            + " || fail 'mounting /dev/pts'");
    line(
        "m -t tmpfs -o nosuid,nodev,noexec,mode=1777,size=65536k shm "
            + Shell.quote(dev.resolve("shm"))
            + " || fail 'mounting /dev/shm'");
    line("ln -s pts/ptmx " + Shell.quote(dev.resolve("ptmx")));
    line("ln -s /proc/self/fd " + Shell.quote(dev.resolve("fd")));
    String[] std = {"stdin", "stdout", "stderr"};
    for (int i = 0; i < std.length; i++) {
      line("ln -s /proc/self/fd/" + i + " " + Shell.quote(dev.resolve(std[i])));
    }
  }

  private void sys() {
    String sys = Shell.quote(inTop(stubs.ensure("/sys", false)));
    line("m --rbind /sys " + sys + " || fail 'binding /sys'");
    // read-only when the host's atime flags allow the remount; sysfs in a user namespace is
    // owned by the real root and so not writable by the step anyway
    line("m -o remount,bind,ro,nosuid,nodev,noexec,relatime " + sys + " || :");
  }

  private void etc() {
    EtcFiles files = EtcFiles.write(work, spec.hostname(), spec.network());
    for (int i = 0; i < EtcFiles.TARGETS.size(); i++) {
      String target = EtcFiles.TARGETS.get(i);
      Path at = inTop(stubs.ensure(target, true));
      line(
          "m --bind "
              + Shell.quote(files.sources().get(i))
              + " "
              + Shell.quote(at)
              + " || fail "
              + Shell.quote("binding " + target));
    }
  }

  private void extraMounts() {
    for (SandboxMount mount : spec.mounts()) {
      if (mount instanceof SandboxMount.Bind b) {
        Path at = inTop(stubs.ensure(b.target(), !java.nio.file.Files.isDirectory(b.source())));
        String what = Shell.quote("binding " + b.target());
        line("m --rbind " + Shell.quote(b.source()) + " " + Shell.quote(at) + " || fail " + what);
        if (b.readOnly()) {
          line(
              "m -o remount,bind,ro "
                  + Shell.quote(at)
                  + " || fail "
                  + Shell.quote("making " + b.target() + " read-only"));
        }
      } else if (mount instanceof SandboxMount.Tmpfs t) {
        Path at = inTop(stubs.ensure(t.target(), false));
        String size = t.sizeBytes() > 0 ? ",size=" + t.sizeBytes() : "";
        line(
            "m -t tmpfs -o nosuid,nodev"
                + size
                + " tmpfs "
                + Shell.quote(at)
                + " || fail "
                + Shell.quote("mounting tmpfs on " + t.target()));
      }
    }
  }

  private void identity() {
    String hostname = tools.require("hostname", "set the step's hostname").toString();
    line(
        Shell.quote(hostname)
            + " "
            + Shell.quote(spec.hostname())
            + " 2>&9 || fail 'setting the hostname'");
    if (spec.network() == Network.NONE) {
      Optional<Path> ip = tools.find("ip");
      ip.ifPresent(p -> line(Shell.quote(p) + " link set lo up 2>&9 || fail 'bringing up lo'"));
    }
  }

  private void line(String text) {
    out.append(text).append('\n');
  }
}
