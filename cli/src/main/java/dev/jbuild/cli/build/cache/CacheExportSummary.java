package dev.jbuild.cli.build.cache;

/**
 * What an export wrote: where, the cache manifest's digest, how many entries and distinct layer
 * blobs it lists, and how many blobs had to be written (the others were already there).
 */
public record CacheExportSummary(
    String destination, String manifestDigest, int entries, int layers, int blobsWritten) {

  /** One line for the build log, e.g. {@code exported 12 cache entries to ...}. */
  public String describe() {
    return "exported "
        + entries
        + " cache entries ("
        + layers
        + " layers, "
        + blobsWritten
        + " blobs written) to "
        + destination
        + " as "
        + manifestDigest;
  }
}
