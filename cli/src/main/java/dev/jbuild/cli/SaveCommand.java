package dev.jbuild.cli;

import dev.jbuild.layer.Compression;
import dev.jbuild.oci.DockerArchiveWriter;
import dev.jbuild.oci.ExportCompression;
import dev.jbuild.oci.NamedImage;
import dev.jbuild.oci.OciLayoutWriter;
import dev.jbuild.oci.StoreImage;
import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jbuild save IMAGE... -o FILE}: writes images to an archive others can load. */
@Command(
    name = "save",
    mixinStandardHelpOptions = true,
    description = "Save images from the local store to a docker-archive, oci-archive or OCI dir.")
final class SaveCommand extends StoreCommand {
  enum Format {
    docker_archive("docker-archive"),
    oci_archive("oci-archive"),
    oci_dir("oci-dir");

    final String text;

    Format(String text) {
      this.text = text;
    }

    static Format parse(String text) {
      for (Format f : values()) {
        if (f.text.equals(text)) {
          return f;
        }
      }
      throw new UsageError(
          "--format " + text + ": expected docker-archive, oci-archive or oci-dir");
    }
  }

  @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image names or IDs.")
  List<String> images = new ArrayList<>();

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "FILE",
      description = "Archive file (or directory for oci-dir) to write.")
  Path output = Path.of("");

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "docker-archive",
      description = "docker-archive (default, as docker save), oci-archive or oci-dir.")
  String format = "docker-archive";

  @Mixin CompressionOptions compression = new CompressionOptions();

  @Override
  int run(LocalStore store, PrintWriter out) throws IOException {
    Format f = Format.parse(format);
    // docker save writes uncompressed layers; the OCI formats carry them as exported
    ExportCompression export =
        new ExportCompression(
            store, f == Format.docker_archive ? Compression.NONE : compression.compression());
    LocalImages local = new LocalImages(store);
    List<NamedImage> named = new ArrayList<>();
    for (String arg : images) {
      StoredImage image = local.find(arg);
      if (image.names().isEmpty()) {
        throw new UserError(
            "image " + arg + " has no name to save it under: name it first with `jbuild tag`");
      }
      String name = nameFor(image, arg);
      named.add(new NamedImage(name, export.image(StoreImage.of(store, image.manifestDigest()))));
    }
    switch (f) {
      case oci_archive:
        OciLayoutWriter.writeArchive(output, named);
        break;
      case oci_dir:
        OciLayoutWriter.writeLayout(output, named);
        break;
      default:
        DockerArchiveWriter.write(output, named, false);
    }
    out.println("Saved " + named.size() + " image(s) to " + output + " (" + f.text + ")");
    return ExitCodes.OK;
  }

  // The name the user typed when it is one of the image's names, else its first name.
  private static String nameFor(StoredImage image, String arg) {
    for (String n : image.names()) {
      if (n.equals(arg)) {
        return n;
      }
    }
    try {
      String normalized = LocalImages.normalize(arg);
      if (image.names().contains(normalized)) {
        return normalized;
      }
    } catch (IllegalArgumentException e) {
      // an image ID: fall through
    }
    return image.names().get(0);
  }
}
