package dev.jbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.image.Digest;
import dev.jbuild.image.Platform;
import dev.jbuild.oci.StoreImage;
import dev.jbuild.registry.testkit.RandomImage;
import dev.jbuild.registry.testkit.RealRegistry;
import dev.jbuild.store.LocalStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pull into jbuild's local store, push from it again, and check the result with skopeo. */
class ImageTransfersTest {
  @TempDir Path tmp;

  @Test
  void pullIntoLocalStoreThenPushStoreImageToAnotherRepository() throws Exception {
    RandomImage.Built image = RandomImage.create(tmp.resolve("img"), 2, 30_000, 41, true);
    try (RealRegistry registry = RealRegistry.plainHttp(tmp.resolve("reg"));
        RegistryClient client =
            RegistryClient.create(RegistryOptions.isolated(tmp.resolve("auth.json")));
        LocalStore store = LocalStore.open(tmp.resolve("store"))) {
      ImageReference source = ImageReference.parse(registry.address() + "/src/app:1");
      client.push(source, image.image(), ProgressListener.NONE);

      PullResult pulled =
          client.pull(
              source,
              Platform.of("linux", "amd64", null),
              ImageTransfers.storeSink(store),
              ProgressListener.NONE);
      Digest manifest = Digest.parse(pulled.manifest().digest());
      assertThat(store.hasBlob(manifest)).isTrue();
      StoreImage stored = StoreImage.of(store, manifest);
      assertThat(stored.layers()).hasSize(2);

      RegistryRoundTripTest.Outcomes outcomes = new RegistryRoundTripTest.Outcomes();
      ImageReference target = ImageReference.parse(registry.address() + "/dst/app:2");
      client.push(target, ImageTransfers.pushImage(stored, source), outcomes);
      assertThat(outcomes.byDigest.values()).containsOnly(ProgressListener.Outcome.MOUNTED);
      String inspect =
          RegistryRoundTripTest.run(
              "skopeo", "inspect", "--tls-verify=false", "docker://" + target);
      assertThat(inspect).contains("\"Digest\": \"" + image.manifest().digest() + "\"");
    }
  }
}
