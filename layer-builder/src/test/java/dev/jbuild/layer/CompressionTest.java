package dev.jbuild.layer;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdInputStream;
import dev.jbuild.image.Digests;
import dev.jbuild.store.LocalStore;
import dev.jbuild.testkit.Tools;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompressionTest {
  @TempDir Path tmp;

  /** Compressible but not trivial: random words from a small alphabet, ~1.3 MB. */
  private static byte[] sample(int size) {
    Random r = new Random(42);
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) ("abcdefgh \n".charAt(r.nextInt(10)));
    }
    return b;
  }

  private static byte[] gzip(byte[] data, int threads, int chunk) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = Compression.GZIP.compress(out, threads)) {
      for (int off = 0; off < data.length; off += chunk) {
        gz.write(data, off, Math.min(chunk, data.length - off));
      }
    }
    return out.toByteArray();
  }

  @Test
  void parallelGzipIsByteIdenticalToSingleThreadedWhateverTheWriteSizes() throws IOException {
    byte[] data = sample(1_300_000);

    byte[] single = gzip(data, 1, 1_000_000);
    assertThat(gzip(data, 4, 7)).isEqualTo(single);
    assertThat(gzip(data, 2, 65536)).isEqualTo(single);
    assertThat(single.length).isLessThan(data.length / 2);
  }

  @Test
  void gzipOutputIsStandardAndHasNoNameOrTime() throws IOException {
    byte[] data = sample(400_000);
    byte[] gz = gzip(data, 2, 4096);

    assertThat(new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes()).isEqualTo(data);
    assertThat(gz[3]).as("FLG: no name, comment, extra").isZero();
    assertThat(new byte[] {gz[4], gz[5], gz[6], gz[7]}).as("MTIME").containsOnly(0);
    Path f = tmp.resolve("x.gz");
    Files.write(f, gz);
    Tools.run("gzip", "-t", f.toString());
  }

  @Test
  void emptyInputGivesValidGzip() throws IOException {
    byte[] gz = gzip(new byte[0], 3, 1);
    assertThat(new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes()).isEmpty();
  }

  @Test
  void zstdRoundTrips() throws IOException {
    byte[] data = sample(300_000);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream z = Compression.ZSTD.compress(out, 2)) {
      z.write(data);
    }
    try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(out.toByteArray()))) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
  }

  @Test
  void commitStoresCompressedBlobUnderItsDigestWithDiffIdOfTheTar() throws IOException {
    LayerBuilder b =
        LayerBuilder.create()
            .file("big", EntryMeta.root(0644), FileSource.of(sample(500_000)))
            .directory("d", EntryMeta.root(0755));
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    b.writeTar(plain);

    try (LocalStore store = LocalStore.open(tmp.resolve("store"))) {
      for (Compression c : Compression.values()) {
        LayerRef ref = b.commit(store, c, 2);
        Path blob = store.blobPath(ref.digest());

        assertThat(ref.diffId()).isEqualTo(Digests.sha256(plain.toByteArray()));
        assertThat(Digests.sha256(blob)).isEqualTo(ref.digest());
        assertThat(Files.size(blob)).isEqualTo(ref.size());
        assertThat(decompress(c, Files.readAllBytes(blob))).isEqualTo(plain.toByteArray());
      }
      assertThat(
              Files.list(store.root().resolve("tmp"))
                  .filter(Files::isDirectory)
                  .flatMap(CompressionTest::list))
          .isEmpty();
    }
  }

  private static java.util.stream.Stream<Path> list(Path dir) {
    try {
      return Files.list(dir);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static byte[] decompress(Compression c, byte[] blob) throws IOException {
    InputStream in = new ByteArrayInputStream(blob);
    if (c == Compression.GZIP) {
      in = new GZIPInputStream(in);
    } else if (c == Compression.ZSTD) {
      in = new ZstdInputStream(in);
    }
    return in.readAllBytes();
  }
}
