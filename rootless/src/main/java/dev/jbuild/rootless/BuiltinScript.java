package dev.jbuild.rootless;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The built-in sandbox's setup script. All mounts come from one generated fstab ({@code mount -a
 * -T}, one process instead of thirty). The step's root is {@code /r} inside a new root that holds
 * only the rootfs and the host's system dirs read-only (the tools the last hop needs); the host's
 * own root is unmounted after pivot_root, so nothing else of the host is reachable even by escaping
 * the final chroot. Status goes to fd 9 (the status file), which survives pivot_root and is closed
 * for the step.
 */
final class BuiltinScript {
  private final Tools tools;
  private final SandboxHostFacts facts;
  private final SandboxSpec spec;
  private final MountStubs stubs;
  private final SandboxSkeleton skeleton;
  private final EtcFiles etc;
  private final Fstab fstab = new Fstab();
  private final StringBuilder out = new StringBuilder();

  BuiltinScript(
      Tools tools,
      SandboxHostFacts facts,
      SandboxSpec spec,
      MountStubs stubs,
      SandboxSkeleton skeleton,
      EtcFiles etc) {
    this.tools = tools;
    this.facts = facts;
    this.spec = spec;
    this.stubs = stubs;
    this.skeleton = skeleton;
    this.etc = etc;
  }

  /** The fstab the script mounts; call {@link #script} after this. */
  String fstab() {
    Path top = skeleton.top();
    fstab.bind(top, top, "bind").bind(spec.rootfs(), top.resolve("r"), "rbind");
    for (String dir : skeleton.hostSystemDirs()) {
      fstab.bind(Path.of("/", dir), top.resolve(dir), "rbind,ro");
    }
    // umount(8) reads /proc/self/mountinfo after pivot_root: the sandbox pid namespace's proc
    fstab.add("proc", top.resolve("proc"), "proc", "nosuid,nodev,noexec");
    if (skeleton.ldCache()) {
      fstab.bind(SandboxSkeleton.ldCacheSource(), skeleton.ldCachePath(), "bind,ro");
    }
    fstab.add("proc", inTop("/proc", false), "proc", "nosuid,nodev,noexec");
    devices();
    fstab.bind(Path.of("/sys"), inTop("/sys", false), "rbind");
    for (int i = 0; i < EtcFiles.TARGETS.size(); i++) {
      fstab.bind(etc.sources().get(i), inTop(EtcFiles.TARGETS.get(i), true), "bind");
    }
    extraMounts();
    return fstab.text();
  }

  String script(Path status, Path fstabFile) {
    String mount = tools.require("mount", "set up the step's mounts").toString();
    line("exec 9>>" + Shell.quote(status));
    line("fail() { echo \"error: $1\" >&9; exit 125; }");
    line(Shell.quote(mount) + " -a -T " + Shell.quote(fstabFile) + " 2>&9 || fail 'mounting'");
    // read-only /sys when the host's mount flags allow it; a user namespace cannot write the
    // real root's sysfs files anyway
    line(
        Shell.quote(mount)
            + " -o remount,bind,ro,nosuid,nodev,noexec,relatime "
            + Shell.quote(inTop("/sys", false))
            + " 2>/dev/null || :");
    identity();
    pivot();
    line("exec " + Shell.words(FinalExec.argv(tools, spec, "/r", facts)) + " 9>&-");
    return out.toString();
  }

  private void devices() {
    Path dev = inTop("/dev", false);
    fstab.bind(skeleton.dev(), dev, "bind");
    for (String name : SandboxSkeleton.DEVICES) {
      fstab.bind(Path.of("/dev", name), dev.resolve(name), "bind");
    }
    String pts = "nosuid,noexec,newinstance,ptmxmode=0666,mode=0620";
    fstab.add("devpts", dev.resolve("pts"), "devpts", pts + (facts.ttyGidMapped() ? ",gid=5" : ""));
    fstab.add("shm", dev.resolve("shm"), "tmpfs", "nosuid,nodev,noexec,mode=1777,size=65536k");
  }

  private void extraMounts() {
    for (SandboxMount mount : spec.mounts()) {
      if (mount instanceof SandboxMount.Bind b) {
        boolean file = !Files.isDirectory(b.source());
        fstab.bind(b.source(), inTop(b.target(), file), b.readOnly() ? "rbind,ro" : "rbind");
      } else if (mount instanceof SandboxMount.Tmpfs t) {
        String size = t.sizeBytes() > 0 ? ",size=" + t.sizeBytes() : "";
        fstab.add("tmpfs", inTop(t.target(), false), "tmpfs", "nosuid,nodev" + size);
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

  private void pivot() {
    String pivotRoot = tools.require("pivot_root", "enter the sandbox root").toString();
    String umount = tools.require("umount", "detach the host's root").toString();
    line(
        "cd "
            + Shell.quote(skeleton.top())
            + " && "
            + Shell.quote(pivotRoot)
            + " . . 2>&9"
            + " || fail 'pivot_root into the sandbox root'");
    line(Shell.quote(umount) + " -l . 2>&9 || fail 'detaching the host root'");
    line("cd /");
  }

  /** The stub for a rootfs target, as mounted before pivot_root: under the new root's /r. */
  private Path inTop(String target, boolean file) {
    Path inRootfs = stubs.ensure(target, file);
    return skeleton.top().resolve("r").resolve(spec.rootfs().relativize(inRootfs).toString());
  }

  private void line(String text) {
    out.append(text).append('\n');
  }
}
