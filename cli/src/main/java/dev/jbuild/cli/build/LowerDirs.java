package dev.jbuild.cli.build;

import dev.jbuild.cli.build.copy.FileEntry;
import dev.jbuild.image.Descriptor;
import dev.jbuild.image.Digest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The overlay lower directories of a stage, base first: the base image's layers (each unpacked once
 * per diffID in the store), then a directory per COPY/WORKDIR layer (written from the entries, no
 * tar round trip, kept in the store by diffID too, its files hard links into the store's file pool)
 * and each earlier RUN's upper directory as it was left. Directories are made only when a RUN needs
 * them.
 */
final class LowerDirs {
  private sealed interface Source {}

  private record Base(StageState state) implements Source {}

  private record Entries(List<FileEntry> entries, Digest diffId) implements Source {}

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

  /** A layer this build wrote from {@code entries}, as layer {@code diffId}. */
  void addEntries(List<FileEntry> entries, Digest diffId) {
    sources.add(new Entries(List.copyOf(entries), diffId));
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
        sources.set(i, new Ready(inputs.rootfs().entriesDir(e.diffId(), e.entries())));
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
}
