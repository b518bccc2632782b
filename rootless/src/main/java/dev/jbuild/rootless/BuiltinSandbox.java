package dev.jbuild.rootless;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in sandbox: {@code unshare --pid --fork --mount --uts --ipc [--net]} runs a generated
 * setup script (fresh /proc, minimal /dev, read-only /sys, generated /etc files, extra mounts,
 * hostname, loopback) that ends by chrooting into the rootfs as the step's user.
 */
final class BuiltinSandbox implements Sandbox {
  private final Host host;
  private final SandboxHostFacts facts;

  BuiltinSandbox(Host host, SandboxHostFacts facts) {
    this.host = host;
    this.facts = facts;
  }

  @Override
  public Isolation isolation() {
    return Isolation.ROOTLESS;
  }

  @Override
  public SandboxResult run(SandboxSpec spec) {
    spec.requireBindSources();
    Path work = Processes.privateTempDir(host.tempDir(), "jbuild-step-");
    MountStubs stubs = new MountStubs(spec.rootfs());
    try {
      SandboxSkeleton skeleton = SandboxSkeleton.create(work);
      EtcFiles etc = EtcFiles.write(work, spec.hostname(), spec.network());
      BuiltinScript script = new BuiltinScript(host.tools(), facts, spec, stubs, skeleton, etc);
      Path fstab = Files.writeString(work.resolve("fstab"), script.fstab());
      Path status = work.resolve("status");
      Path setup = Files.writeString(work.resolve("setup.sh"), script.script(status, fstab));
      int code = StepProcess.run(launcher(spec, setup), spec);
      SetupStatus.check(status, "built-in sandbox");
      return new SandboxResult(code, stubs.removeAll());
    } catch (IOException e) {
      throw new SandboxException("preparing the built-in sandbox: " + e.getMessage(), e);
    } finally {
      stubs.removeAll();
      DirTrees.deleteRecursivelyQuietly(work);
    }
  }

  private List<String> launcher(SandboxSpec spec, Path script) {
    List<String> argv = new ArrayList<>();
    argv.add(host.tools().require("unshare", "create the step's namespaces").toString());
    argv.addAll(List.of("--pid", "--fork", "--kill-child", "--mount", "--uts", "--ipc"));
    if (spec.network() == Network.NONE) {
      argv.add("--net");
    }
    argv.addAll(List.of("--propagation", "private", "--", "/bin/sh", script.toString()));
    return argv;
  }
}
