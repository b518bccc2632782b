package dev.jbuild.registry;

import java.io.IOException;
import java.io.InputStream;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import org.jspecify.annotations.Nullable;

/** Streams a blob (or a slice of it) as a request body, re-opening it on every write. */
final class SourceBody extends RequestBody {
  static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");
  private static final int BUFFER = 1 << 16;
  private static final long PROGRESS_STEP = 1 << 20;

  private final BlobSource source;
  private final long offset;
  private final long length;
  private final ProgressListener progress;

  SourceBody(BlobSource source, long offset, long length, ProgressListener progress) {
    this.source = source;
    this.offset = offset;
    this.length = length;
    this.progress = progress;
  }

  @Override
  public @Nullable MediaType contentType() {
    return OCTET_STREAM;
  }

  @Override
  public long contentLength() {
    return length;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    byte[] buf = new byte[BUFFER];
    long sent = 0;
    long lastReport = 0;
    try (InputStream in = source.open()) {
      in.skipNBytes(offset);
      while (sent < length) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, length - sent));
        if (n < 0) {
          throw new IOException(
              "blob "
                  + source.digest()
                  + " ended after "
                  + (offset + sent)
                  + " of "
                  + source.size()
                  + " bytes");
        }
        sink.write(buf, 0, n);
        sent += n;
        if (sent - lastReport >= PROGRESS_STEP) {
          progress.transferred(source.digest(), offset + sent, source.size());
          lastReport = sent;
        }
      }
    }
    progress.transferred(source.digest(), offset + sent, source.size());
  }
}
