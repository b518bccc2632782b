package dev.jbuild.cli;

import dev.jbuild.image.Digest;
import dev.jbuild.image.ImageFormatException;
import dev.jbuild.image.Platform;
import dev.jbuild.registry.ImageReference;
import dev.jbuild.registry.ImageTransfers;
import dev.jbuild.registry.PullResult;
import dev.jbuild.store.LocalStore;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jbuild pull REF}: downloads an image into the local store and names it REF. */
@Command(
    name = "pull",
    mixinStandardHelpOptions = true,
    description = "Pull an image from a registry into the local store.")
final class PullCommand extends StoreCommand {
  @Mixin RegistryCliOptions registry = new RegistryCliOptions();

  @Parameters(index = "0", paramLabel = "IMAGE", description = "e.g. registry.example.com/app:1.")
  String reference = "";

  @Option(
      names = "--platform",
      paramLabel = "OS/ARCH[/VARIANT]",
      description = "Platform to choose from a multi-platform image (default: this machine's).")
  @Nullable String platform;

  private @Nullable ManifestPrefetch prefetch;

  @Override
  Closeable beforeOpen() {
    ImageReference r = ImageReference.parse(reference);
    PrintWriter progress = spec.commandLine().getErr();
    progress.println("Pulling " + r + " (" + platform() + ")");
    progress.flush();
    ManifestPrefetch f = ManifestPrefetch.start(registry::toRegistryOptions, r);
    prefetch = f;
    return f;
  }

  @Override
  int run(LocalStore store, PrintWriter out) throws IOException {
    ImageReference r = ImageReference.parse(reference); // beforeOpen parsed it without error
    ManifestPrefetch.Located located = Objects.requireNonNull(prefetch).await();
    PrintWriter progress = spec.commandLine().getErr();
    PullResult result =
        located
            .client()
            .pull(
                located.manifest(),
                platform(),
                ImageTransfers.storeSink(store),
                new TransferProgress(progress));
    Digest manifest = Digest.parse(result.manifest().digest());
    store.tag(r.toString(), manifest);
    progress.println("Pulled " + r + " " + manifest);
    progress.flush();
    out.println(Digest.parse(result.configDigest()));
    return ExitCodes.OK;
  }

  private Platform platform() {
    String text = platform;
    if (text == null) {
      return Platform.of("linux", PlatformNames.hostArchitecture(), null);
    }
    try {
      return Platform.parse(text);
    } catch (ImageFormatException e) {
      throw new UsageError("--platform: " + e.getMessage());
    }
  }
}
