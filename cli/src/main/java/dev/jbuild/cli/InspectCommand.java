package dev.jbuild.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jbuild inspect IMAGE...}: config, manifest and history of local images. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = "Show details of images in the local store.")
final class InspectCommand extends StoreCommand {
  enum Type {
    image,
    manifest,
    config
  }

  @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image names or IDs.")
  List<String> images = new ArrayList<>();

  @Option(
      names = {"-f", "--format"},
      paramLabel = "TEMPLATE",
      description = "Go template, e.g. '{{.Config.Env}}', '{{json .Config}}', '{{.Id}}'.")
  @Nullable String format;

  @Option(
      names = {"-t", "--type"},
      paramLabel = "TYPE",
      defaultValue = "image",
      description = "image (default), manifest or config: what to show.")
  Type type = Type.image;

  @Override
  int run(LocalStore store, PrintWriter out) throws IOException {
    GoTemplate template = format == null ? null : GoTemplate.parse(format);
    LocalImages local = new LocalImages(store);
    ArrayNode all = new ObjectMapper().createArrayNode();
    for (String name : images) {
      JsonNode node = view(store, local.find(name));
      if (template != null) {
        out.println(template.render(node));
      } else {
        all.add(node);
      }
    }
    if (template == null) {
      out.println(InspectView.pretty(type == Type.image ? all : single(all)));
    }
    return ExitCodes.OK;
  }

  // The raw documents print as they are, one per image, like `podman manifest inspect`.
  private static JsonNode single(ArrayNode all) {
    return all.size() == 1 ? all.get(0) : all;
  }

  private JsonNode view(LocalStore store, StoredImage image) throws IOException {
    ObjectMapper json = new ObjectMapper();
    switch (type) {
      case manifest:
        return json.readTree(store.readBlob(image.manifestDigest()));
      case config:
        return json.readTree(store.readBlob(image.id()));
      default:
        return InspectView.of(image);
    }
  }
}
