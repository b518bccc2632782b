package dev.jbuild.cli.build.add;

import dev.jbuild.cli.build.StepFailure;
import dev.jbuild.cli.build.copy.CopyOptions;
import dev.jbuild.cli.build.copy.ExistingFile;
import dev.jbuild.cli.build.copy.FileEntry;
import dev.jbuild.cli.build.copy.RootfsView;
import java.util.Map;
import java.util.Optional;

/**
 * Makes sure the directory an archive unpacks into, and each of its parents, is in the layer:
 * existing directories re-emitted with their own metadata, missing ones created (0755, owned as
 * COPY would create them), like COPY's parents.
 */
final class DestinationDirs {
  private final RootfsView image;
  private final CopyOptions options;
  private final Map<String, FileEntry> entries;

  DestinationDirs(RootfsView image, CopyOptions options, Map<String, FileEntry> entries) {
    this.image = image;
    this.options = options;
    this.entries = entries;
  }

  /** Ensures {@code dir} (relative to "/", "" for the root) and its ancestors. */
  void ensure(String dir) {
    // a symlinked directory (bin -> usr/bin) is followed: the archive lands where it points
    String resolved = image.resolve(dir);
    if (resolved.isEmpty()) {
      return;
    }
    int slash = resolved.lastIndexOf('/');
    if (slash >= 0) {
      ensure(resolved.substring(0, slash));
    }
    FileEntry planned = entries.get(resolved);
    if (planned != null) {
      if (planned.kind() != FileEntry.Kind.DIRECTORY) {
        throw notADirectory(resolved);
      }
      return;
    }
    Optional<ExistingFile> existing = image.lookup(resolved);
    if (existing.isPresent() && existing.get().kind() != FileEntry.Kind.DIRECTORY) {
      throw notADirectory(resolved);
    }
    entries.put(resolved, existing.map(e -> keep(resolved, e)).orElseGet(() -> create(resolved)));
  }

  private FileEntry keep(String path, ExistingFile e) {
    return new FileEntry(
        path,
        FileEntry.Kind.DIRECTORY,
        e.mode(),
        e.uid(),
        e.gid(),
        options.createdTime(),
        null,
        null);
  }

  private FileEntry create(String path) {
    return FileEntry.newDirectory(path, options.uid(), options.gid(), options.createdTime());
  }

  private static StepFailure notADirectory(String path) {
    return new StepFailure(
        "cannot unpack an archive into /" + path + ": it exists and is not a directory");
  }
}
