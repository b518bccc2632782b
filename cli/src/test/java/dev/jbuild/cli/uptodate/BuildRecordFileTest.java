package dev.jbuild.cli.uptodate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildRecordFileTest {
  @TempDir Path tmp;

  private static BuildRecord sample() {
    return new BuildRecord(
        "key\0text",
        new BuildResult(
            "ctx",
            null,
            "FROM scratch\n",
            "*.log\n",
            "sha256:" + "1".repeat(64),
            "sha256:" + "2".repeat(64),
            Map.of("docker.io/library/t:1", "sha256:" + "2".repeat(64)),
            "/tmp/iid",
            true,
            null),
        List.of(
            new ReplayLine(ReplayLine.Kind.CACHED, "[1/2] COPY a /a"),
            new ReplayLine(ReplayLine.Kind.DONE, "exporting to local store as t:1"),
            new ReplayLine(ReplayLine.Kind.MESSAGE, "writing image … done")),
        List.of(
            new WatchedPath("/ctx/a", 0100000, 3, 1_700_000_000_123L, 1_700_000_000_456L, 42),
            new WatchedPath("/ctx/missing", 0, 0, 0, 0, 0)));
  }

  @Test
  void aWrittenRecordReadsBackEqual() throws IOException {
    Path f = tmp.resolve("r.bin");
    BuildRecordFile.write(f, sample());
    assertThat(BuildRecordFile.read(f)).contains(sample());
  }

  @Test
  void aMissingRecordIsNone() throws IOException {
    assertThat(BuildRecordFile.read(tmp.resolve("none.bin"))).isEmpty();
  }

  @Test
  void anyFlippedByteOrCutMakesTheRecordNone() throws IOException {
    Path f = tmp.resolve("r.bin");
    BuildRecordFile.write(f, sample());
    byte[] good = Files.readAllBytes(f);
    for (int i = 0; i < good.length; i += 7) {
      byte[] bad = good.clone();
      bad[i] ^= 0x01;
      Files.write(f, bad);
      assertThat(BuildRecordFile.read(f)).as("byte %d flipped", i).isEmpty();
    }
    Files.write(f, Arrays.copyOf(good, good.length - 9));
    assertThat(BuildRecordFile.read(f)).isEmpty();
  }

  @Test
  void writingLeavesNoTempFileBehind() throws IOException {
    Path f = tmp.resolve("dir/r.bin");
    BuildRecordFile.write(f, sample());
    BuildRecordFile.write(f, sample());
    try (var s = Files.list(f.getParent())) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("r.bin");
    }
  }

  @Test
  void onlyTheNewestRecordsAreKept() throws IOException {
    for (int i = 0; i < 5; i++) {
      Path f = tmp.resolve("r" + i + ".bin");
      BuildRecordFile.write(f, sample());
      Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(1000L * i));
    }
    Files.writeString(tmp.resolve("other.txt"), "not a record");

    BuildRecordFile.keepNewest(tmp, 3);

    try (var s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("r2.bin", "r3.bin", "r4.bin", "other.txt");
    }
  }
}
