package dev.jbuild.layer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * pigz-style gzip: input is cut into fixed 128 KiB blocks, each deflated (level 6) with the
 * previous 32 KiB as dictionary and ended with a sync flush, so blocks compress independently and
 * concatenate into one valid deflate stream. The block boundaries do not depend on how the caller
 * writes or on the thread count, so 1 thread and N threads give the same bytes. The gzip header
 * carries no name and mtime 0. Closing finishes the gzip member but not the sink.
 */
final class ParallelGzipOutputStream extends OutputStream {
  static final int BLOCK = 128 * 1024;
  private static final int DICT = 32 * 1024;
  private static final int LEVEL = 6;
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

  private final OutputStream sink;
  private final int threads;
  private final ExecutorService pool;
  private final ArrayDeque<Future<byte[]>> inFlight = new ArrayDeque<>();
  private final CRC32 crc = new CRC32();
  private byte[] block = new byte[BLOCK];
  private int fill;
  private byte[] dictionary = new byte[0];
  private long total;
  private boolean closed;

  ParallelGzipOutputStream(OutputStream sink, int threads) throws IOException {
    this.sink = sink;
    this.threads = Math.max(1, threads);
    this.pool =
        Executors.newFixedThreadPool(
            this.threads,
            r -> {
              Thread t = new Thread(r, "jbuild-gzip");
              t.setDaemon(true);
              return t;
            });
    sink.write(HEADER);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    crc.update(b, off, len);
    total += len;
    while (len > 0) {
      int n = Math.min(len, BLOCK - fill);
      System.arraycopy(b, off, block, fill, n);
      fill += n;
      off += n;
      len -= n;
      if (fill == BLOCK) {
        submit(false);
      }
    }
  }

  private void submit(boolean last) throws IOException {
    byte[] input = block;
    int length = fill;
    byte[] dict = dictionary;
    dictionary = Arrays.copyOfRange(input, Math.max(0, length - DICT), length);
    block = new byte[BLOCK];
    fill = 0;
    if (threads == 1) {
      sink.write(deflate(input, length, dict, last));
      return;
    }
    inFlight.add(pool.submit(() -> deflate(input, length, dict, last)));
    while (inFlight.size() > 2 * threads) {
      drainOne();
    }
  }

  private void drainOne() throws IOException {
    Future<byte[]> f = inFlight.remove();
    try {
      sink.write(f.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("gzip compression interrupted");
    } catch (ExecutionException e) {
      throw new IOException("gzip compression failed: " + e.getCause(), e.getCause());
    }
  }

  static byte[] deflate(byte[] input, int length, byte[] dict, boolean last) {
    Deflater d = new Deflater(LEVEL, true);
    try {
      if (dict.length > 0) {
        d.setDictionary(dict);
      }
      d.setInput(input, 0, length);
      if (last) {
        d.finish();
      }
      byte[] out = new byte[length + length / 8 + 64];
      int n = 0;
      int flush = last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH;
      while (true) {
        n += d.deflate(out, n, out.length - n, flush);
        boolean done = last ? d.finished() : (n < out.length && d.needsInput());
        if (done) {
          return Arrays.copyOf(out, n);
        }
        out = Arrays.copyOf(out, out.length * 2);
      }
    } finally {
      d.end();
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      submit(true);
      while (!inFlight.isEmpty()) {
        drainOne();
      }
      writeTrailer();
      sink.flush();
    } finally {
      pool.shutdownNow();
    }
  }

  /** Stops the workers without finishing the stream (after a failure upstream). */
  void abort() {
    closed = true;
    inFlight.forEach(f -> f.cancel(true));
    pool.shutdownNow();
  }

  private void writeTrailer() throws IOException {
    long c = crc.getValue();
    long isize = total & 0xffffffffL;
    byte[] t = new byte[8];
    for (int i = 0; i < 4; i++) {
      t[i] = (byte) (c >>> (8 * i));
      t[4 + i] = (byte) (isize >>> (8 * i));
    }
    sink.write(t);
  }
}
