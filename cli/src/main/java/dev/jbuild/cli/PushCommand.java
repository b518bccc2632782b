package dev.jbuild.cli;

import dev.jbuild.image.Digest;
import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jbuild push IMAGE [DESTINATION]}: uploads an image of the local store. */
@Command(
    name = "push",
    mixinStandardHelpOptions = true,
    description = "Push an image from the local store to a registry.")
final class PushCommand extends StoreCommand {
  @Mixin RegistryCliOptions registry = new RegistryCliOptions();

  @Mixin CompressionOptions compression = new CompressionOptions();

  @Parameters(index = "0", paramLabel = "IMAGE", description = "Image name or ID.")
  String image = "";

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "DESTINATION",
      description = "Where to push (default: the image's name), e.g. registry.example.com/app:1.")
  @Nullable String destination;

  @Option(
      names = {"--format", "-f"},
      paramLabel = "FORMAT",
      description = "Manifest format: oci or docker (default: as stored).")
  RegistryExport.ManifestFormat format = RegistryExport.ManifestFormat.stored;

  @Option(
      names = "--digestfile",
      paramLabel = "FILE",
      description = "Write the pushed manifest's digest to FILE.")
  java.nio.file.@Nullable Path digestFile;

  @Override
  int run(LocalStore store, PrintWriter out) throws IOException {
    StoredImage found = new LocalImages(store).find(image);
    String dest = destination;
    if (dest == null) {
      dest = defaultDestination(found);
    }
    PrintWriter progress = spec.commandLine().getErr();
    Digest pushed =
        RegistryExport.push(
                store,
                found.manifestDigest(),
                List.of(dest),
                registry.toRegistryOptions(),
                format,
                compression.compression(),
                progress)
            .digest();
    java.nio.file.Path f = digestFile;
    if (f != null) {
      java.nio.file.Files.writeString(f, pushed.toString());
    }
    out.println(pushed);
    return ExitCodes.OK;
  }

  // Push to the name the user typed; an image ID stands for the image's only name.
  private String defaultDestination(StoredImage found) {
    if (found.names().contains(image)) {
      return image;
    }
    try {
      String normalized = LocalImages.normalize(image);
      if (found.names().contains(normalized)) {
        return normalized;
      }
    } catch (IllegalArgumentException e) {
      // an image ID
    }
    if (found.names().size() == 1) {
      return found.names().get(0);
    }
    throw new UsageError(
        "push "
            + image
            + ": the image has "
            + (found.names().isEmpty() ? "no name" : found.names().size() + " names")
            + "; give the DESTINATION, e.g. jbuild push "
            + image
            + " registry.example.com/app:1");
  }
}
