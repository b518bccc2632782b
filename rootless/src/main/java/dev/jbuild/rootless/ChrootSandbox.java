package dev.jbuild.rootless;

import java.nio.file.Files;

/**
 * Plain chroot as root, for containers that forbid namespaces (kaniko's habitat): no new namespaces
 * and no mounts, so no /proc or /dev unless the rootfs has them, the host's network and hostname;
 * the step still gets its exact env, ids and docker's capability set.
 */
final class ChrootSandbox implements Sandbox {
  private final Host host;
  private final SandboxHostFacts facts;

  ChrootSandbox(Host host, SandboxHostFacts facts) {
    this.host = host;
    this.facts = facts;
  }

  @Override
  public Isolation isolation() {
    return Isolation.CHROOT;
  }

  @Override
  public SandboxResult run(SandboxSpec spec) {
    if (!spec.mounts().isEmpty()) {
      throw new SandboxException(
          "--isolation=chroot cannot mount "
              + spec.mounts().get(0).target()
              + " (RUN --mount needs namespaces): use --isolation=rootless or --isolation=oci");
    }
    if (spec.network() == Network.NONE) {
      throw new SandboxException(
          "--isolation=chroot cannot isolate the network (RUN --network=none):"
              + " use --isolation=rootless or --isolation=oci");
    }
    if (!Files.isDirectory(RootfsPaths.resolve(spec.rootfs(), spec.cwd()))) {
      throw new SandboxException(
          "working directory " + spec.cwd() + " does not exist in the rootfs");
    }
    int code = StepProcess.run(FinalExec.argv(host.tools(), spec, spec.rootfs(), facts), spec);
    return new SandboxResult(code, java.util.List.of());
  }
}
