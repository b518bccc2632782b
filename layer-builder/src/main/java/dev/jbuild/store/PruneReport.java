package dev.jbuild.store;

import java.util.List;

/**
 * What {@link StoreMaintenance#prune} removed, how many bytes that freed, and what it could not
 * remove (one message per item, e.g. an unpacked layer holding files of another user). Pool files
 * are the shared files of unpacked layers ({@link FilePool}) that no layer links any more.
 */
public record PruneReport(
    int blobsRemoved,
    int layersRemoved,
    int cacheEntriesRemoved,
    int poolFilesRemoved,
    long bytesFreed,
    List<String> failures) {
  public PruneReport {
    failures = List.copyOf(failures);
  }
}
