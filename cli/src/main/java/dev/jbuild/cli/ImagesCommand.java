package dev.jbuild.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.registry.ImageReference;
import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jbuild images}: the named images of the local store. */
@Command(
    name = "images",
    aliases = {"image-list"},
    mixinStandardHelpOptions = true,
    description = "List images in the local store.")
final class ImagesCommand extends StoreCommand {
  enum Format {
    table,
    json
  }

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "table (default) or json.",
      defaultValue = "table")
  Format format = Format.table;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print image IDs only.")
  boolean quiet;

  @Option(names = "--digests", description = "Show manifest digests.")
  boolean digests;

  @Option(
      names = {"-a", "--all"},
      description = "Also list untagged images (as <none>).")
  boolean all;

  @Option(names = "--no-trunc", description = "Show full image IDs.")
  boolean noTrunc;

  @Parameters(
      arity = "0..1",
      paramLabel = "REPOSITORY[:TAG]",
      description = "Only images of this repository (and tag).")
  @Nullable String filter;

  @Override
  int run(LocalStore store, PrintWriter out) throws IOException {
    LocalImages local = new LocalImages(store);
    List<Row> rows = filtered(rows(local.all()));
    if (all && filter == null) {
      local.untagged().forEach(i -> rows.add(new Row("<none>", "<none>", i)));
    }
    if (quiet) {
      Set<String> ids = new LinkedHashSet<>();
      rows.forEach(r -> ids.add(id(r.image())));
      ids.forEach(out::println);
    } else if (format == Format.json) {
      out.println(json(rows));
    } else {
      table(rows, out);
    }
    return ExitCodes.OK;
  }

  /** One line of the listing: one name of one image. */
  record Row(String repository, String tag, StoredImage image) {}

  private static List<Row> rows(List<StoredImage> images) {
    List<Row> rows = new ArrayList<>();
    for (StoredImage i : images) {
      for (String name : i.names()) {
        ImageReference ref = ImageReference.parse(name);
        String tag = ref.tag();
        rows.add(new Row(ref.name(), tag == null ? "<none>" : tag, i));
      }
    }
    return rows;
  }

  private List<Row> filtered(List<Row> rows) {
    String f = filter;
    if (f == null) {
      return new ArrayList<>(rows);
    }
    ImageReference wanted = ImageReference.parse(f);
    boolean withTag = f.lastIndexOf(':') > f.lastIndexOf('/');
    List<Row> out = new ArrayList<>();
    for (Row r : rows) {
      if (r.repository().equals(wanted.name()) && (!withTag || r.tag().equals(wanted.tag()))) {
        out.add(r);
      }
    }
    return out;
  }

  private String id(StoredImage i) {
    return noTrunc ? i.id().toString() : i.id().hex().substring(0, 12);
  }

  private void table(List<Row> rows, PrintWriter out) {
    List<String> header = new ArrayList<>(List.of("REPOSITORY", "TAG"));
    if (digests) {
      header.add("DIGEST");
    }
    header.addAll(List.of("IMAGE ID", "CREATED", "SIZE"));
    TextTable t = new TextTable(header);
    Instant now = Instant.now();
    for (Row r : rows) {
      List<String> cells = new ArrayList<>(List.of(r.repository(), r.tag()));
      if (digests) {
        cells.add(r.image().manifestDigest().toString());
      }
      Instant created = r.image().config().created();
      cells.add(id(r.image()));
      cells.add(created == null ? "N/A" : HumanUnits.ago(created, now));
      cells.add(HumanUnits.size(r.image().size()));
      t.add(cells);
    }
    t.print(out);
  }

  private static String json(List<Row> rows) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    ArrayNode array = mapper.createArrayNode();
    for (Row r : rows) {
      ObjectNode o = array.addObject();
      o.put("Repository", r.repository());
      o.put("Tag", r.tag());
      o.put("Id", r.image().id().toString());
      o.put("Digest", r.image().manifestDigest().toString());
      Instant created = r.image().config().created();
      if (created != null) {
        o.put("Created", created.toString());
      }
      o.put("Size", r.image().size());
    }
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array);
  }
}
