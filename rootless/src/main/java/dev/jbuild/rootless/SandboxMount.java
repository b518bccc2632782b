package dev.jbuild.rootless;

import java.nio.file.Path;

/** An extra mount for one step; targets are absolute paths inside the rootfs. */
public sealed interface SandboxMount {
  String target();

  /** A bind mount of a host file or dir (secrets are read-only file binds). */
  record Bind(Path source, String target, boolean readOnly) implements SandboxMount {}

  /** A fresh tmpfs; {@code sizeBytes} 0 means the kernel default. */
  record Tmpfs(String target, long sizeBytes) implements SandboxMount {}
}
