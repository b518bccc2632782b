package dev.jbuild.cli.build;

import dev.jbuild.cli.build.copy.FileEntry;
import dev.jbuild.image.Descriptor;
import dev.jbuild.image.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The overlay lower directories of a stage, base first: the base image's layers (each unpacked once
 * per diffID in the store), then a directory per COPY/WORKDIR layer (written from the entries, no
 * tar round trip) and each earlier RUN's upper directory as it was left. Directories are made only
 * when a RUN needs them.
 */
final class LowerDirs {
  private sealed interface Source {}

  private record Base(StageState state) implements Source {}

  private record Entries(List<FileEntry> entries) implements Source {}

  private record Ready(Path dir) implements Source {}

  private record Stored(Descriptor layer, Digest diffId) implements Source {}

  private final List<Source> sources = new ArrayList<>();
  private final StageInputs inputs;

  LowerDirs(StageInputs inputs, StageState base) {
    this.inputs = inputs;
    if (!base.layers().isEmpty()) {
      sources.add(new Base(base));
    }
  }

  void addEntries(List<FileEntry> entries) {
    sources.add(new Entries(List.copyOf(entries)));
  }

  /** A layer from the store (a cache hit), unpacked by diffID when a RUN needs it. */
  void addStored(Descriptor layer, Digest diffId) {
    sources.add(new Stored(layer, diffId));
  }

  void addReady(Path dir) {
    sources.add(new Ready(dir));
  }

  /** Realizes every source into a directory; at least one (an empty dir for scratch). */
  List<Path> realize() throws IOException {
    for (int i = 0; i < sources.size(); i++) {
      Source s = sources.get(i);
      if (s instanceof Base b) {
        // One lower dir per base layer, unpacked once into the store and shared across builds.
        List<Path> layerDirs = inputs.rootfs().layerDirs(b.state());
        sources.remove(i);
        for (int k = layerDirs.size() - 1; k >= 0; k--) {
          sources.add(i, new Ready(layerDirs.get(k)));
        }
        i += layerDirs.size() - 1;
      } else if (s instanceof Stored st) {
        sources.set(i, new Ready(inputs.rootfs().layerDir(st.layer(), st.diffId())));
      } else if (s instanceof Entries e) {
        Path dir = inputs.tempDirs().get();
        write(e.entries(), dir);
        sources.set(i, new Ready(dir));
      }
    }
    List<Path> dirs = new ArrayList<>();
    for (Source s : sources) {
      dirs.add(((Ready) s).dir());
    }
    if (dirs.isEmpty()) {
      dirs.add(inputs.tempDirs().get());
    }
    return dirs;
  }

  private static void write(List<FileEntry> entries, Path root) throws IOException {
    List<FileEntry> dirs = new ArrayList<>();
    for (FileEntry e : entries) {
      Path p = root.resolve(e.path());
      switch (e.kind()) {
        case DIRECTORY -> {
          Files.createDirectories(p);
          dirs.add(e);
        }
        case FILE -> {
          Files.createDirectories(p.getParent());
          Files.copy(Objects.requireNonNull(e.source()), p, StandardCopyOption.REPLACE_EXISTING);
          finish(p, e);
        }
        case SYMLINK -> {
          Files.createDirectories(p.getParent());
          Files.createSymbolicLink(p, Path.of(Objects.requireNonNull(e.linkTarget())));
        }
      }
    }
    // Directory modes and times last, so writing their children does not undo them.
    for (int i = dirs.size() - 1; i >= 0; i--) {
      finish(root.resolve(dirs.get(i).path()), dirs.get(i));
    }
  }

  private static void finish(Path p, FileEntry e) throws IOException {
    try {
      Files.setAttribute(p, "unix:uid", e.uid(), LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(p, "unix:gid", e.gid(), LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | UnsupportedOperationException ignored) {
      // Without namespace powers the lower copy keeps our own ids; the layer records the real ones.
    }
    Files.setAttribute(p, "unix:mode", e.mode());
    Files.setLastModifiedTime(p, FileTime.from(e.mtime()));
  }
}
