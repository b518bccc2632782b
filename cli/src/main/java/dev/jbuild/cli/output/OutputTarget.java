package dev.jbuild.cli.output;

import java.nio.file.Path;
import java.util.List;

/** Where a finished build goes: one value per {@code --output} or transport tag. */
public sealed interface OutputTarget {

  /** An OCI image layout directory ({@code type=oci,tar=false} or {@code -t oci:DIR[:ref]}). */
  record OciLayoutDir(Path dir, String refName) implements OutputTarget {}

  /** An OCI layout as a tar ({@code type=oci,dest=FILE} or {@code -t oci-archive:FILE}). */
  record OciArchive(Path file, String refName) implements OutputTarget {}

  /** A docker-archive, loadable by {@code docker load} ({@code type=docker}). */
  record DockerArchive(Path file, List<String> repoTags) implements OutputTarget {}

  /** The final stage's filesystem written into a directory ({@code type=local}). */
  record LocalDir(Path dir) implements OutputTarget {}

  /** The final stage's filesystem as a tar ({@code type=tar}); {@code -} is standard output. */
  record RootfsTar(Path file, boolean toStdout) implements OutputTarget {}

  /** Pushed to a registry ({@code type=registry,name=...} or {@code --push}). */
  record Registry(List<String> names) implements OutputTarget {}

  /** A name in jbuild's local store ({@code -t name}). */
  record StoreTag(String name) implements OutputTarget {}
}
