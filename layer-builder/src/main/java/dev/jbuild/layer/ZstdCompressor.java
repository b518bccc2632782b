package dev.jbuild.layer;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * zstd level 3, single-threaded (so output never depends on core count); closing finishes the frame
 * but not the sink.
 */
final class ZstdCompressor extends FilterOutputStream {
  ZstdCompressor(OutputStream sink) throws IOException {
    super(new ZstdOutputStream(new NonClosingOutputStream(sink), 3).setChecksum(false));
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
  }
}
