package dev.jbuild.cli;

import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jbuild rmi NAME...}: removes names from the local store. The data stays until {@code
 * jbuild prune}; an image ID that several names share needs {@code -f}, as with docker.
 */
@Command(
    name = "rmi",
    mixinStandardHelpOptions = true,
    description = "Remove image names from the local store (run `jbuild prune` to free space).")
final class RmiCommand extends StoreCommand {
  @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image names or IDs.")
  List<String> images = new ArrayList<>();

  @Option(
      names = {"-f", "--force"},
      description = "Remove every name of an image given by ID.")
  boolean force;

  @Override
  int run(LocalStore store, PrintWriter out) throws IOException {
    LocalImages local = new LocalImages(store);
    List<String> failures = new ArrayList<>();
    for (String arg : images) {
      try {
        for (String name : namesToRemove(local, arg)) {
          if (store.untag(name)) {
            out.println("Untagged: " + name);
          }
        }
      } catch (UserError e) {
        failures.add(e.getMessage());
      }
    }
    if (failures.size() == 1) {
      throw new UserError(failures.get(0));
    }
    if (!failures.isEmpty()) {
      throw new UserError(failures.size() + " images not removed: " + String.join("; ", failures));
    }
    return ExitCodes.OK;
  }

  private List<String> namesToRemove(LocalImages local, String arg) throws IOException {
    StoredImage image = local.find(arg);
    if (image.names().isEmpty()) {
      throw new UserError(
          "image " + arg + " has no names to remove: `jbuild prune --all` frees its space");
    }
    for (String n : image.names()) {
      if (n.equals(arg) || n.equals(normalizedOrEmpty(arg))) {
        return List.of(n);
      }
    }
    if (image.names().size() > 1 && !force) {
      throw new UserError(
          "image "
              + arg
              + " has "
              + image.names().size()
              + " names ("
              + String.join(", ", image.names())
              + "): remove them by name, or use -f to remove them all");
    }
    return image.names();
  }

  private static String normalizedOrEmpty(String arg) {
    try {
      return LocalImages.normalize(arg);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
