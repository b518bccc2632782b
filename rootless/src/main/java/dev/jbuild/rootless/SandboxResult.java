package dev.jbuild.rootless;

import java.util.List;

/**
 * How a step ended. {@code removedStubs} are the mount targets the sandbox created in the rootfs
 * and removed again (rootfs-relative, e.g. {@code etc/hosts}); their parent dirs got their times
 * back, so a copied-up parent in the upper dir carries the lower's metadata.
 */
public record SandboxResult(int exitCode, List<String> removedStubs) {
  public SandboxResult {
    removedStubs = List.copyOf(removedStubs);
  }
}
