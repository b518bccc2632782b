package dev.jbuild.cli.build.add;

import dev.jbuild.cli.build.StepFailure;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Path;

/**
 * xz decompression through the {@code xz} program: commons-compress needs the optional tukaani
 * library for xz, which the build does not ship. The stream reports a failing {@code xz} when it
 * was read to its end, so a truncated archive is an error rather than a short one.
 */
final class XzProcess extends FilterInputStream {
  private final Process process;
  private boolean atEnd;

  private XzProcess(Process process) {
    super(process.getInputStream());
    this.process = process;
  }

  static InputStream decompress(Path file) throws IOException {
    try {
      Process p =
          new ProcessBuilder("xz", "--decompress", "--stdout")
              .redirectInput(file.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      return new XzProcess(p);
    } catch (IOException e) {
      throw new StepFailure(
          file.getFileName()
              + " is xz-compressed and unpacking it needs the xz program: install xz-utils",
          e);
    }
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    atEnd |= b < 0;
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    atEnd |= n < 0;
    return n;
  }

  @Override
  public void close() throws IOException {
    super.close();
    if (!atEnd) {
      process.destroy();
      return;
    }
    try {
      int code = process.waitFor();
      if (code != 0) {
        throw new IOException("xz could not decompress the archive (exit code " + code + ")");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting for xz");
    }
  }
}
