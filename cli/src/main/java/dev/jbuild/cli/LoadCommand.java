package dev.jbuild.cli;

import dev.jbuild.image.ImageFormatException;
import dev.jbuild.oci.DockerArchive;
import dev.jbuild.oci.Image;
import dev.jbuild.oci.OciLayout;
import dev.jbuild.oci.StoreImage;
import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jbuild load -i FILE}: imports the images of a docker-archive, an oci-archive or an OCI
 * layout directory (detected from the content) into the local store, with their names.
 */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description = "Load images from a docker-archive, oci-archive or OCI layout directory.")
final class LoadCommand extends StoreCommand {
  @Option(
      names = {"-i", "--input"},
      required = true,
      paramLabel = "FILE",
      description = "Archive file or OCI layout directory.")
  Path input = Path.of("");

  @Override
  int run(LocalStore store, PrintWriter out) throws IOException {
    if (!Files.exists(input)) {
      throw new UserError("load: " + input + " does not exist");
    }
    if (Files.isDirectory(input)) {
      try (OciLayout layout = OciLayout.open(input)) {
        loadOci(store, layout, out);
      }
    } else if (isOciArchive(input)) {
      try (OciLayout layout = OciLayout.openArchive(input)) {
        loadOci(store, layout, out);
      }
    } else {
      try (DockerArchive archive = DockerArchive.open(input)) {
        loadDocker(store, archive, out);
      }
    }
    return ExitCodes.OK;
  }

  // An oci-archive is a tar holding an oci-layout file; a docker-archive has a manifest.json.
  private static boolean isOciArchive(Path file) throws IOException {
    try (OciLayout ignored = OciLayout.openArchive(file)) {
      return true;
    } catch (ImageFormatException e) {
      return false;
    }
  }

  private static void loadOci(LocalStore store, OciLayout layout, PrintWriter out)
      throws IOException {
    List<String> refs = layout.refs();
    if (refs.isEmpty()) {
      put(store, layout.image(null, null), null, out);
      return;
    }
    for (String ref : refs) {
      put(store, layout.image(ref, null), nameOrNull(ref), out);
    }
  }

  private static void loadDocker(LocalStore store, DockerArchive archive, PrintWriter out)
      throws IOException {
    List<String> tags = archive.tags();
    if (tags.isEmpty()) {
      put(store, archive.image(null), null, out);
      return;
    }
    for (String tag : tags) {
      put(store, archive.image(tag), nameOrNull(tag), out);
    }
  }

  private static void put(LocalStore store, Image image, @Nullable String name, PrintWriter out)
      throws IOException {
    StoreImage stored = StoreImage.put(store, image, name);
    String id = stored.manifest().config().digest().toString();
    out.println(
        name == null ? "Loaded image ID: " + id : "Loaded image: " + name + " (" + id + ")");
  }

  // A ref that is not a full image name (an OCI ref like "1.0") is loaded without a name.
  private static @Nullable String nameOrNull(String ref) {
    if (!ref.contains(":") && !ref.contains("/")) {
      return null;
    }
    try {
      return LocalImages.normalize(ref);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
