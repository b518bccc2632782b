package dev.jbuild.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.store.DiskUsage;
import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jbuild du}: space the local store uses, by kind. */
@Command(
    name = "du",
    aliases = {"system-df"},
    mixinStandardHelpOptions = true,
    description = "Show the local store's disk usage by kind.")
final class DuCommand extends StoreCommand {
  @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or json.")
  ImagesCommand.Format format = ImagesCommand.Format.table;

  @Override
  int run(LocalStore store, PrintWriter out) throws IOException {
    DiskUsage u = new dev.jbuild.store.StoreMaintenance(store).usage();
    if (format == ImagesCommand.Format.json) {
      ObjectNode o = new ObjectMapper().createObjectNode();
      o.put("Root", store.root().toString());
      o.putObject("Blobs").put("Count", u.blobCount()).put("Bytes", u.blobBytes());
      o.putObject("Layers").put("Count", u.layerCount()).put("Bytes", u.layerBytes());
      o.putObject("Pool").put("Count", u.poolCount()).put("Bytes", u.poolBytes());
      o.putObject("Cache").put("Count", u.cacheCount()).put("Bytes", u.cacheBytes());
      o.putObject("Tmp").put("Bytes", u.tmpBytes());
      o.put("TotalBytes", u.totalBytes());
      out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(o));
      return ExitCodes.OK;
    }
    TextTable t = new TextTable(List.of("KIND", "COUNT", "SIZE"));
    t.add(List.of("blobs", String.valueOf(u.blobCount()), HumanUnits.size(u.blobBytes())));
    t.add(
        List.of(
            "unpacked layers", String.valueOf(u.layerCount()), HumanUnits.size(u.layerBytes())));
    t.add(List.of("pooled files", String.valueOf(u.poolCount()), HumanUnits.size(u.poolBytes())));
    t.add(List.of("cache", String.valueOf(u.cacheCount()), HumanUnits.size(u.cacheBytes())));
    t.add(List.of("tmp", "", HumanUnits.size(u.tmpBytes())));
    t.add(List.of("total", "", HumanUnits.size(u.totalBytes())));
    out.println("Store: " + store.root());
    t.print(out);
    return ExitCodes.OK;
  }
}
