package dev.jbuild.cli.build.add;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.cli.build.copy.CopyOptions;
import dev.jbuild.cli.build.copy.ExistingFile;
import dev.jbuild.cli.build.copy.FileEntry;
import dev.jbuild.cli.build.copy.RootfsView;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DestinationDirsTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  /** merged /usr: bin -> usr/bin, usr and usr/bin are directories */
  private static final RootfsView MERGED_USR =
      new RootfsView() {
        @Override
        public Optional<ExistingFile> lookup(String path) {
          return path.equals("usr") || path.equals("usr/bin")
              ? Optional.of(new ExistingFile(FileEntry.Kind.DIRECTORY, 0755, 0, 0, NOW))
              : Optional.empty();
        }

        @Override
        public String resolve(String path) {
          return path.equals("bin") || path.startsWith("bin/") ? "usr/" + path : path;
        }
      };

  @Test
  void archiveIntoASymlinkedDirectoryEnsuresTheLinkTargetNotTheLink() {
    Map<String, FileEntry> entries = new TreeMap<>();
    new DestinationDirs(MERGED_USR, new CopyOptions(0, 0, null, NOW), entries).ensure("bin/tools");
    assertThat(entries.keySet()).containsExactly("usr", "usr/bin", "usr/bin/tools");
    assertThat(entries.get("usr/bin").mode()).isEqualTo(0755);
  }
}
