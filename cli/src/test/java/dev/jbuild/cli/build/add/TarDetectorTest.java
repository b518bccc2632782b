package dev.jbuild.cli.build.add;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TarDetectorTest {
  @TempDir Path tmp;

  private static TestArchives sample() throws Exception {
    return new TestArchives().file("hello.txt", "hi\n", 0644, 0, 0);
  }

  @ParameterizedTest
  @EnumSource(
      value = ArchiveCompression.class,
      names = {"NONE", "GZIP", "BZIP2", "ZSTD"})
  void tarArchiveIsRecognisedByContentWhateverItsName(ArchiveCompression c) throws Exception {
    Path file = sample().write(tmp.resolve("data.bin"), c);
    assertThat(TarDetector.detect(file)).contains(c);
  }

  @Test
  void xzTarArchiveIsRecognisedWithoutDecompressingByName() throws Exception {
    Path file = Files.write(tmp.resolve("payload"), TestArchives.XZ_TAR);
    assertThat(TarDetector.detect(file)).contains(ArchiveCompression.XZ);
  }

  @Test
  void textNamedLikeAnArchiveStaysAFile() throws Exception {
    Path file = Files.writeString(tmp.resolve("app.tar.gz"), "this is not an archive\n");
    assertThat(TarDetector.detect(file)).isEmpty();
  }

  @Test
  void gzippedTextIsNotAnArchive() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write("plain text, compressed\n".repeat(40).getBytes(StandardCharsets.UTF_8));
    }
    Path file = Files.write(tmp.resolve("notes.tar.gz"), out.toByteArray());
    assertThat(TarDetector.detect(file)).isEmpty();
  }

  @Test
  void truncatedGzipIsCopiedNotUnpacked() throws Exception {
    byte[] whole = sample().compressed(ArchiveCompression.GZIP);
    Path file = Files.write(tmp.resolve("cut.tgz"), java.util.Arrays.copyOf(whole, 12));
    assertThat(TarDetector.detect(file)).isEmpty();
  }

  @Test
  void emptyFileAndEmptyTarAreNotArchives() throws Exception {
    Path empty = Files.write(tmp.resolve("empty.tar"), new byte[0]);
    Path zeros = Files.write(tmp.resolve("zeros.tar"), new byte[1024]);
    assertThat(TarDetector.detect(empty)).isEmpty();
    assertThat(TarDetector.detect(zeros)).isEmpty();
  }

  @Test
  void corruptedHeaderChecksumIsNotAnArchive() throws Exception {
    byte[] tar = sample().tar();
    tar[0] = 'X';
    Path file = Files.write(tmp.resolve("bad.tar"), tar);
    assertThat(TarDetector.detect(file)).isEmpty();
    assertThat(TarDetector.detect(tmp)).isEqualTo(Optional.empty());
  }
}
