package dev.jbuild.registry.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.image.Platform;
import dev.jbuild.oci.OciLayout;
import dev.jbuild.registry.ImageReference;
import dev.jbuild.registry.ImageTransfers;
import dev.jbuild.registry.ProgressListener;
import dev.jbuild.registry.PullResult;
import dev.jbuild.registry.RegistryClient;
import dev.jbuild.registry.RegistryOptions;
import dev.jbuild.registry.testkit.DirectorySink;
import dev.jbuild.registry.testkit.RandomImage;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Drives the client from {@code bench/registry-push-pull.sh}: {@code generate <layout> <layers>
 * <bytesPerLayer>} writes a random OCI layout tagged {@code bench}; {@code push <layout> <ref>};
 * {@code pull <ref> <dir>}.
 */
public final class RegistryBench {
  private RegistryBench() {}

  public static void main(String[] args) throws Exception {
    if (System.getenv("JBUILD_BENCH_TRACE") != null) {
      log("main");
    }
    run(args);
    if (System.getenv("JBUILD_BENCH_TRACE") != null) {
      log("exit");
    }
  }

  private static void run(String[] args) throws Exception {
    switch (args[0]) {
      case "generate" ->
          generate(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      case "push" -> push(Path.of(args[1]), ImageReference.parse(args[2]));
      case "pull" -> pull(ImageReference.parse(args[1]), Path.of(args[2]));
      default -> throw new IllegalArgumentException("usage: generate|push|pull ...");
    }
  }

  private static final long T0 = System.nanoTime();

  /** With JBUILD_BENCH_TRACE set, prints when each blob starts and ends (stderr, ms). */
  private static ProgressListener trace() {
    if (System.getenv("JBUILD_BENCH_TRACE") == null) {
      return ProgressListener.NONE;
    }
    return new ProgressListener() {
      @Override
      public void started(String digest, long size) {
        log("start " + digest.substring(7, 19) + " " + size);
      }

      @Override
      public void finished(String digest, Outcome outcome) {
        log("done  " + digest.substring(7, 19) + " " + outcome);
      }
    };
  }

  private static void log(String what) {
    System.err.printf("%6d ms %s%n", (System.nanoTime() - T0) / 1_000_000, what);
  }

  private static RegistryOptions options() {
    return RegistryOptions.fromEnvironment().withTlsVerify(false).withConcurrency(5);
  }

  private static void generate(Path layout, int layers, int bytesPerLayer) throws Exception {
    RandomImage.Built image = RandomImage.create(layout, layers, bytesPerLayer, 42, true);
    Path manifest = layout.resolve("blobs/sha256/" + image.manifest().digest().substring(7));
    Files.write(manifest, image.manifest().bytes());
    ObjectMapper json = new ObjectMapper();
    ObjectNode index = json.createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", "application/vnd.oci.image.index.v1+json");
    ObjectNode d = index.putArray("manifests").addObject();
    d.put("mediaType", image.manifest().mediaType());
    d.put("digest", image.manifest().digest());
    d.put("size", image.manifest().bytes().length);
    d.putObject("annotations").put("org.opencontainers.image.ref.name", "bench");
    Files.write(layout.resolve("index.json"), json.writeValueAsBytes(index));
    Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
  }

  private static void push(Path layout, ImageReference ref) throws Exception {
    try (OciLayout oci = OciLayout.open(layout);
        RegistryClient client = RegistryClient.create(options())) {
      client.push(ref, ImageTransfers.pushImage(oci.image("bench", null), null), trace());
    }
  }

  private static void pull(ImageReference ref, Path dir) throws Exception {
    RegistryOptions options = options();
    trace().started("sha256:options-ready", 0);
    try (RegistryClient client = RegistryClient.create(options)) {
      trace().started("sha256:client-ready", 0);
      PullResult r =
          client.pull(ref, Platform.of("linux", "amd64", null), new DirectorySink(dir), trace());
      System.out.println(r.manifest().digest());
      trace().started("sha256:pull-returned", 0);
    }
  }
}
