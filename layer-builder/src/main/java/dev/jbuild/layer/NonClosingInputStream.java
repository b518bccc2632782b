package dev.jbuild.layer;

import java.io.FilterInputStream;
import java.io.InputStream;

/** Lets a tar reader be closed without closing the caller's stream. */
final class NonClosingInputStream extends FilterInputStream {
  NonClosingInputStream(InputStream in) {
    super(in);
  }

  @Override
  public void close() {}
}
