package dev.jbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.image.Digest;
import dev.jbuild.image.Platform;
import dev.jbuild.registry.testkit.DirectorySink;
import dev.jbuild.registry.testkit.FaultProxy;
import dev.jbuild.registry.testkit.RandomImage;
import dev.jbuild.registry.testkit.RealRegistry;
import dev.jbuild.store.LocalStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fault-injecting proxy in front of the real registry: every pull and push either completes with
 * verified content or fails with a one-line error naming registry, repository and step, and nothing
 * unverified reaches the sink.
 */
class FaultInjectionTest {
  private static final Platform AMD64 = Platform.of("linux", "amd64", null);

  @TempDir Path tmp;
  private RealRegistry registry;
  private FaultProxy proxy;
  private RegistryClient client;
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private RandomImage.Built image;
  private ImageReference ref;

  @BeforeEach
  void start() throws Exception {
    registry = RealRegistry.plainHttp(tmp.resolve("reg"));
    proxy = new FaultProxy(registry.address());
    client =
        RegistryClient.create(
            RegistryOptions.isolated(tmp.resolve("auth.json")).withConcurrency(2), waits::add);
    image = RandomImage.create(tmp.resolve("img"), 2, 100_000, 21, true);
    ref = ImageReference.parse(proxy.address() + "/faulty/app:1");
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    proxy.close();
    registry.close();
  }

  private DirectorySink pushThenSink() throws Exception {
    client.push(ref, image.image(), ProgressListener.NONE);
    return new DirectorySink(tmp.resolve("store"));
  }

  private void assertPulledIntact(DirectorySink sink) throws Exception {
    assertThat(sink.verifiedContents()).hasSize(4);
    assertThat(sink.leftovers()).isEmpty();
  }

  @Test
  void tooManyRequestsIsRetriedAfterTheServersRetryAfter() throws Exception {
    DirectorySink sink = pushThenSink();
    proxy.inject("GET", "/blobs/sha256:", new FaultProxy.Status(429, 3), 1);
    client.pull(ref, AMD64, sink, ProgressListener.NONE);
    assertPulledIntact(sink);
    assertThat(waits).contains(Duration.ofSeconds(3));
  }

  @Test
  void serverErrorsOnUploadRestartTheUploadAndThePushCompletes() throws Exception {
    proxy.inject("PUT", "/blobs/uploads/", new FaultProxy.Status(503, null), 2);
    proxy.inject("POST", "/blobs/uploads/", new FaultProxy.Status(500, null), 1);
    client.push(ref, image.image(), ProgressListener.NONE);
    DirectorySink sink = new DirectorySink(tmp.resolve("store"));
    client.pull(ref, AMD64, sink, ProgressListener.NONE);
    assertPulledIntact(sink);
    // each injected error costs one wait (a dropped keep-alive connection may add one)
    assertThat(waits).hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void connectionResetMidBlobResumesWithRange() throws Exception {
    DirectorySink sink = pushThenSink();
    String layer = image.layers().get(1).digest();
    proxy.inject("GET", "/blobs/" + layer, new FaultProxy.ResetMidBody(), 1);
    client.pull(ref, AMD64, sink, ProgressListener.NONE);
    assertPulledIntact(sink);
    assertThat(sink.blob(layer)).hasSameBinaryContentAs(image.layers().get(1).file());
  }

  @Test
  void aLayerLongerThanTheWriteBehindStepResumesIntactAfterAReset() throws Exception {
    // 40 MiB: early fsyncs run (every 16 MiB) before the reset at 20 MiB and after the resume
    image = RandomImage.create(tmp.resolve("big"), 1, 40 << 20, 22, true);
    DirectorySink sink = pushThenSink();
    String layer = image.layers().get(0).digest();
    proxy.inject("GET", "/blobs/" + layer, new FaultProxy.ResetMidBody(), 1);
    client.pull(ref, AMD64, sink, ProgressListener.NONE);
    assertThat(sink.verifiedContents()).hasSize(3);
    assertThat(sink.leftovers()).isEmpty();
    assertThat(sink.blob(layer)).hasSameBinaryContentAs(image.layers().get(0).file());
  }

  @Test
  void wrongDigestBlobFailsClearlyAndNothingIsStored() throws Exception {
    DirectorySink sink = pushThenSink();
    String layer = image.layers().get(0).digest();
    proxy.inject("GET", "/blobs/" + layer, new FaultProxy.CorruptBody(), 100);
    assertThatThrownBy(() -> client.pull(ref, AMD64, sink, ProgressListener.NONE))
        .isInstanceOf(BlobVerificationException.class)
        .hasMessageStartingWith(
            "pull blob " + layer.substring(0, 19) + " from " + proxy.address() + "/faulty/app: ")
        .hasMessageContaining("content does not match: expected " + layer)
        .hasMessageEndingWith("nothing was stored");
    assertThat(sink.has(layer)).isFalse();
    assertThat(sink.accepted()).doesNotContain(layer, image.manifest().digest());
    assertThat(sink.leftovers()).isEmpty();
  }

  @Test
  void wrongDigestBlobLeavesNothingInTheLocalStore() throws Exception {
    client.push(ref, image.image(), ProgressListener.NONE);
    String layer = image.layers().get(0).digest();
    proxy.inject("GET", "/blobs/" + layer, new FaultProxy.CorruptBody(), 100);
    Path root = tmp.resolve("jbuild-store");
    try (LocalStore store = LocalStore.open(root)) {
      BlobSink sink = ImageTransfers.storeSink(store);
      assertThatThrownBy(() -> client.pull(ref, AMD64, sink, ProgressListener.NONE))
          .isInstanceOf(BlobVerificationException.class)
          .hasMessageEndingWith("nothing was stored");
      assertThat(store.hasBlob(Digest.parse(layer))).isFalse();
      assertThat(store.hasBlob(Digest.parse(image.manifest().digest()))).isFalse();
      try (Stream<Path> left = Files.list(sink.tempDirectory())) {
        assertThat(left).isEmpty();
      }
    }
  }

  @Test
  void persistentServerErrorGivesUpAfterTheRetryBudgetNamingTheStep() throws Exception {
    DirectorySink sink = pushThenSink();
    proxy.inject("GET", "/manifests/", new FaultProxy.Status(503, null), 100);
    assertThatThrownBy(() -> client.pull(ref, AMD64, sink, ProgressListener.NONE))
        .isInstanceOf(RegistryException.class)
        .hasMessage(
            "pull manifest 1 from "
                + proxy.address()
                + "/faulty/app: HTTP 503 INJECTED: injected (after 5 attempts)");
    assertThat(waits).hasSize(4);
    assertThat(sink.accepted()).isEmpty();
  }

  @Test
  void chunkedUploadRecoversFromABrokenChunk() throws Exception {
    try (RegistryClient chunked =
        RegistryClient.create(
            RegistryOptions.isolated(tmp.resolve("auth.json")).withChunkSize(32 * 1024),
            waits::add)) {
      proxy.inject("PATCH", "/blobs/uploads/", new FaultProxy.Status(502, null), 1);
      chunked.push(ref, image.image(), ProgressListener.NONE);
    }
    DirectorySink sink = new DirectorySink(tmp.resolve("store"));
    client.pull(ref, AMD64, sink, ProgressListener.NONE);
    assertPulledIntact(sink);
  }
}
