package dev.jbuild.cli.build;

import dev.jbuild.cli.build.copy.FileEntry;
import dev.jbuild.layer.ChangeSets;
import dev.jbuild.layer.Compression;
import dev.jbuild.layer.EntryMeta;
import dev.jbuild.layer.FileOwnership;
import dev.jbuild.layer.FileSource;
import dev.jbuild.layer.LayerBuilder;
import dev.jbuild.layer.LayerRef;
import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Writes planned entries as one layer blob into the store, uncompressed: exports compress it once,
 * when it first leaves the store, so neither a build nor a cache hit pays for compression.
 */
final class LayerCommitter {
  private final LocalStore store;
  private final BuildSettings settings;

  LayerCommitter(LocalStore store, BuildSettings settings) {
    this.store = store;
    this.settings = settings;
  }

  LayerResult commit(List<FileEntry> entries) throws IOException {
    LayerBuilder layer = LayerBuilder.create().clampTimes(settings.sourceDateEpoch());
    for (FileEntry e : entries) {
      EntryMeta meta = EntryMeta.of(e.mode(), e.uid(), e.gid(), e.mtime());
      switch (e.kind()) {
        case DIRECTORY -> layer.directory(e.path(), meta);
        case FILE -> layer.file(e.path(), meta, source(e));
        case SYMLINK -> layer.symlink(e.path(), meta, Objects.requireNonNull(e.linkTarget()));
      }
    }
    LayerRef ref = layer.commit(store, Compression.NONE);
    return new LayerResult(ref.descriptor(settings.dockerFormat()), ref.diffId());
  }

  /**
   * Commits a RUN's overlay upper dir. The sandbox has already removed the mount stubs it made, so
   * what is left is exactly what the step changed.
   */
  LayerResult commitUpper(Path upper) throws IOException {
    LayerBuilder layer =
        ChangeSets.fromOverlayUpper(upper, FileOwnership.chown())
            .clampTimes(settings.sourceDateEpoch());
    LayerRef ref = layer.commit(store, Compression.NONE);
    return new LayerResult(ref.descriptor(settings.dockerFormat()), ref.diffId());
  }

  /** Commits what a RUN changed on a copy of the rootfs: the diff of the two trees. */
  LayerResult commitDiff(Path lower, Path upper) throws IOException {
    LayerBuilder layer =
        ChangeSets.fromTreeDiff(lower, upper, FileOwnership.chown())
            .clampTimes(settings.sourceDateEpoch());
    LayerRef ref = layer.commit(store, Compression.NONE);
    return new LayerResult(ref.descriptor(settings.dockerFormat()), ref.diffId());
  }

  private static FileSource source(FileEntry e) {
    Path p = Objects.requireNonNull(e.source(), "file entry without content");
    return FileSource.of(p);
  }
}
