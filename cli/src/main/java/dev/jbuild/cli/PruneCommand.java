package dev.jbuild.cli;

import dev.jbuild.store.LocalStore;
import dev.jbuild.store.PruneReport;
import dev.jbuild.store.StoreMaintenance;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jbuild prune}: frees the space of blobs and unpacked layers no image needs. Safe while
 * another jbuild process builds into the same store: files newer than its start are kept.
 */
@Command(
    name = "prune",
    mixinStandardHelpOptions = true,
    description = {
      "Remove blobs and unpacked layers that no image or cache entry references.",
      "With --all, untagged images and the build cache go too; tagged images are always kept."
    })
final class PruneCommand extends StoreCommand {
  @Option(
      names = {"-a", "--all"},
      description = "Also remove untagged images and build cache entries.")
  boolean all;

  @Override
  int run(LocalStore store, PrintWriter out) throws IOException {
    PruneReport r = new StoreMaintenance(store).prune(all);
    out.println(
        "Removed "
            + r.blobsRemoved()
            + " blobs, "
            + r.layersRemoved()
            + " unpacked layers, "
            + r.cacheEntriesRemoved()
            + " cache entries, "
            + r.poolFilesRemoved()
            + " pooled files");
    out.println("Total reclaimed space: " + HumanUnits.size(r.bytesFreed()));
    if (!r.failures().isEmpty()) {
      throw new UserError(
          "could not remove " + r.failures().size() + " items: " + String.join("; ", r.failures()));
    }
    return ExitCodes.OK;
  }
}
