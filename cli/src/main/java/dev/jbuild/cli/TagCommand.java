package dev.jbuild.cli;

import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jbuild tag SRC NEW...}: more names for an image of the local store. */
@Command(
    name = "tag",
    mixinStandardHelpOptions = true,
    description = "Add names to an image in the local store.")
final class TagCommand extends StoreCommand {
  @Parameters(index = "0", paramLabel = "SOURCE", description = "Image name or ID.")
  String source = "";

  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "NAME",
      description = "New names, e.g. registry.example.com/app:2.")
  List<String> names = new ArrayList<>();

  @Override
  int run(LocalStore store, PrintWriter out) throws IOException {
    StoredImage image = new LocalImages(store).find(source);
    List<String> normalized = new ArrayList<>();
    for (String n : names) {
      normalized.add(LocalImages.normalize(n)); // all valid before any is written
    }
    for (String n : normalized) {
      store.tag(n, image.manifestDigest());
    }
    return ExitCodes.OK;
  }
}
