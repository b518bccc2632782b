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
  private final StringBuilder out = new StringBuilder();

  BuiltinScript(
      Tools tools, SandboxHostFacts facts, SandboxSpec spec, MountStubs stubs, Path work) {
    this.tools = tools;
    this.facts = facts;
    this.spec = spec;
    this.stubs = stubs;
    this.work = work;
  }

  String text(Path status) {
    String mount = tools.require("mount", "set up the step's mounts").toString();
    line("S=" + Shell.quote(status));
    line("fail() { echo \"error: $1\" >>\"$S\"; exit 125; }");
    line("m() { " + Shell.quote(mount) + " \"$@\" 2>>\"$S\"; }");
    proc();
    dev();
    sys();
    etc();
    extraMounts();
    identity();
    line(
        "exec "
            + Shell.words(FinalExec.argv(tools, spec, spec.rootfs(), facts.setGroupsAllowed())));
    return out.toString();
  }

  private void proc() {
    Path proc = stubs.ensure("/proc", false);
    line(
        "m -t proc -o nosuid,nodev,noexec proc " + Shell.quote(proc) + " || fail 'mounting /proc'");
  }

  private void dev() {
    Path dev = stubs.ensure("/dev", false);
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
    String sys = Shell.quote(stubs.ensure("/sys", false));
    line("m --rbind /sys " + sys + " || fail 'binding /sys'");
    // read-only when the host's atime flags allow the remount; sysfs in a user namespace is
    // owned by the real root and so not writable by the step anyway
    line("m -o remount,bind,ro,nosuid,nodev,noexec,relatime " + sys + " || :");
  }

  private void etc() {
    EtcFiles files = EtcFiles.write(work, spec.hostname(), spec.network());
    for (int i = 0; i < EtcFiles.TARGETS.size(); i++) {
      String target = EtcFiles.TARGETS.get(i);
      Path at = stubs.ensure(target, true);
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
        Path at = stubs.ensure(b.target(), !java.nio.file.Files.isDirectory(b.source()));
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
        Path at = stubs.ensure(t.target(), false);
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
            + " 2>>\"$S\" || fail 'setting the hostname'");
    if (spec.network() == Network.NONE) {
      Optional<Path> ip = tools.find("ip");
      ip.ifPresent(
          p -> line(Shell.quote(p) + " link set lo up 2>>\"$S\" || fail 'bringing up lo'"));
    }
  }

  private void line(String text) {
    out.append(text).append('\n');
  }
}
