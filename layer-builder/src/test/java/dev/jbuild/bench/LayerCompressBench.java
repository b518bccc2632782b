package dev.jbuild.bench;

import dev.jbuild.image.Digest;
import dev.jbuild.image.DigestingOutputStream;
import dev.jbuild.image.Digests;
import dev.jbuild.layer.ChangeSets;
import dev.jbuild.layer.Compression;
import dev.jbuild.layer.FileOwnership;
import dev.jbuild.layer.LayerBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * tar+gzip of a directory through the public API, on 1 thread and on N, printing MB/s of tar input
 * and checking both outputs are identical. Used by bench/layer-compress.sh.
 */
public final class LayerCompressBench {
  private LayerCompressBench() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    int cores = Runtime.getRuntime().availableProcessors();
    LayerBuilder b = ChangeSets.fromTree(dir, FileOwnership.recordOnly());
    run(b, cores); // warm-up
    for (int i = 0; i < runs; i++) {
      Result one = run(b, 1);
      Result many = run(b, cores);
      if (!one.digest().equals(many.digest())) {
        throw new AssertionError("1-thread and " + cores + "-thread gzip differ");
      }
      System.out.printf(
          "jbuild gzip 1 thread : %.1f MB/s (%d MB tar -> %d MB)%n",
          one.mbPerSec(), one.tarBytes() >> 20, one.gzBytes() >> 20);
      System.out.printf(
          "jbuild gzip %d threads: %.1f MB/s, speed-up %.2fx, identical output %s%n",
          cores, many.mbPerSec(), many.mbPerSec() / one.mbPerSec(), many.digest());
    }
    Runtime rt = Runtime.getRuntime();
    System.out.printf("heap max %d MB%n", rt.maxMemory() >> 20);
  }

  record Result(Digest digest, long tarBytes, long gzBytes, double mbPerSec) {}

  private static Result run(LayerBuilder b, int threads) throws IOException {
    long start = System.nanoTime();
    DigestingOutputStream gz = Digests.digesting(OutputStream.nullOutputStream());
    CountingStream counted;
    try (OutputStream comp = Compression.GZIP.compress(gz, threads)) {
      counted = new CountingStream(comp);
      b.writeTar(counted);
    }
    double secs = (System.nanoTime() - start) / 1e9;
    return new Result(gz.digest(), counted.count, gz.size(), counted.count / 1e6 / secs);
  }

  private static final class CountingStream extends java.io.FilterOutputStream {
    long count;

    CountingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}
