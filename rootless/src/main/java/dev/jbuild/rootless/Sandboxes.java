package dev.jbuild.rootless;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Picks the sandbox for {@code --isolation}, checking it can work here. */
final class Sandboxes {
  private Sandboxes() {}

  static SandboxChoice choose(
      Host host, Privilege privilege, Isolation requested, Optional<Path> runtime) {
    if (privilege instanceof Privilege.Blocked b) {
      throw new UserNamespaceUnavailableException(b.message());
    }
    if (privilege instanceof Privilege.Unprivileged) {
      throw new IllegalStateException("sandboxes run inside the user namespace: re-exec first");
    }
    SandboxHostFacts facts = SandboxHostFacts.of(privilege);
    switch (requested) {
      case CHROOT:
        return new SandboxChoice(new ChrootSandbox(host, facts), "chroot (requested)");
      case ROOTLESS:
        namespaceError(host)
            .ifPresent(
                e -> {
                  throw new SandboxException(
                      "--isolation=rootless: cannot create namespaces ("
                          + e
                          + "): use --isolation=chroot");
                });
        return new SandboxChoice(
            new BuiltinSandbox(host, facts), "built-in namespaces (requested)");
      case OCI:
        Path rt = runtime.orElseGet(() -> host.tools().require("runc", "run OCI bundles"));
        return new SandboxChoice(
            new OciSandbox(host, facts, rt), "oci runtime " + rt + " (requested)");
      default:
        return auto(host, privilege, facts);
    }
  }

  private static SandboxChoice auto(Host host, Privilege privilege, SandboxHostFacts facts) {
    Optional<String> nsError = namespaceError(host);
    if (nsError.isPresent()) {
      if (privilege instanceof Privilege.Root) {
        return new SandboxChoice(
            new ChrootSandbox(host, facts),
            "chroot: namespaces unavailable (" + nsError.get() + ")");
      }
      throw new SandboxException("cannot create namespaces for RUN (" + nsError.get() + ")");
    }
    Optional<Path> runc = host.tools().find("runc");
    if (runc.isPresent()) {
      ProcessResult version = ProcessResult.run(List.of(runc.get().toString(), "--version"));
      if (version.exitCode() == 0) {
        String first = version.stdout().lines().findFirst().orElse("runc");
        return new SandboxChoice(new OciSandbox(host, facts, runc.get()), "oci: " + first);
      }
    }
    // crun is not picked here: crun 1.8 refuses rootless specs on hybrid cgroup hosts
    return new SandboxChoice(
        new BuiltinSandbox(host, facts), "built-in namespaces: runc not found on PATH");
  }

  private static Optional<String> namespaceError(Host host) {
    Optional<Path> unshare = host.tools().find("unshare");
    if (unshare.isEmpty()) {
      return Optional.of("unshare not found: install util-linux");
    }
    ProcessResult r =
        ProcessResult.run(
            List.of(
                unshare.get().toString(), "--pid", "--fork", "--mount", "--uts", "--ipc", "true"));
    return r.exitCode() == 0 ? Optional.empty() : Optional.of(r.firstErrorLine());
  }
}
