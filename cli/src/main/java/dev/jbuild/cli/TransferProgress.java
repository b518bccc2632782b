package dev.jbuild.cli;

import dev.jbuild.registry.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/** One line per blob when it is done, as skopeo and podman print them. */
final class TransferProgress implements ProgressListener {
  private final PrintWriter out;

  TransferProgress(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void finished(String digest, Outcome outcome) {
    String what =
        outcome == Outcome.ALREADY_PRESENT
            ? "already present"
            : outcome.name().toLowerCase(Locale.ROOT);
    synchronized (out) {
      out.println("Copying blob " + shortDigest(digest) + " " + what);
      out.flush();
    }
  }

  static String shortDigest(String digest) {
    int colon = digest.indexOf(':');
    String hex = digest.substring(colon + 1);
    return hex.length() > 12 ? hex.substring(0, 12) : hex;
  }
}
