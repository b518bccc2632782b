package dev.jbuild.store;

import java.util.List;

/**
 * What {@link StoreMaintenance#prune} removed, how many bytes that freed, and what it could not
 * remove (one message per item, e.g. an unpacked layer holding files of another user).
 */
public record PruneReport(
    int blobsRemoved,
    int layersRemoved,
    int cacheEntriesRemoved,
    long bytesFreed,
    List<String> failures) {
  public PruneReport {
    failures = List.copyOf(failures);
  }
}
