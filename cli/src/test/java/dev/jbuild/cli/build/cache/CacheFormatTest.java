package dev.jbuild.cli.build.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.image.Descriptor;
import dev.jbuild.image.Digest;
import dev.jbuild.image.ImageFormatException;
import dev.jbuild.image.ImageJson;
import dev.jbuild.image.ImageManifest;
import dev.jbuild.image.MediaTypes;
import dev.jbuild.store.LocalStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheFormatTest {
  @TempDir Path tmp;
  private LocalStore store;
  private CacheFixtures fx;

  @BeforeEach
  void fixtures() throws Exception {
    store = LocalStore.open(tmp);
    fx = new CacheFixtures(store);
  }

  @AfterEach
  void close() throws Exception {
    store.close();
  }

  @Test
  void sameEntriesInAnyOrderGiveTheSameManifestDigest() {
    List<CacheEntry> reversed = new ArrayList<>(fx.entries);
    Collections.reverse(reversed);

    assertThat(CacheFormat.plan(reversed).manifestDescriptor())
        .isEqualTo(CacheFormat.plan(fx.entries).manifestDescriptor());
  }

  @Test
  void manifestListsEachLayerOnceWithTheKeysThatUseIt() {
    CachePlan plan = CacheFormat.plan(fx.entries);
    ImageManifest m = ImageJson.readManifest(plan.manifest());

    assertThat(m.artifactType()).isEqualTo("application/vnd.jbuild.cache.v1+json");
    assertThat(m.config().mediaType()).isEqualTo("application/vnd.jbuild.cache.v1+json");
    assertThat(m.layers()).extracting(Descriptor::digest).doesNotHaveDuplicates().hasSize(3);
    for (int i = 0; i < 3; i++) {
      Descriptor layer = fx.layers.get(i);
      Descriptor listed =
          m.layers().stream().filter(l -> l.digest().equals(layer.digest())).findFirst().get();
      List<String> users = new ArrayList<>();
      for (int k = i; k < 3; k++) {
        users.add(CacheFixtures.key(k));
      }
      assertThat(listed.annotation("dev.jbuild.cache.keys")).isEqualTo(String.join(",", users));
      assertThat(listed.mediaType()).isEqualTo(layer.mediaType());
    }
  }

  @Test
  void indexRoundTripsEveryEntry() {
    CachePlan plan = CacheFormat.plan(fx.entries);

    var back =
        CacheFormat.entries(ImageJson.readManifest(plan.manifest()), plan.config(), "cache x");

    assertThat(back.values()).containsExactlyElementsOf(fx.entries);
  }

  @Test
  void anOrdinaryImageIsNotACache() {
    Descriptor config = Descriptor.of(MediaTypes.OCI_CONFIG, Digest.sha256("ab".repeat(32)), 2);
    byte[] image = ImageManifest.of(MediaTypes.OCI_MANIFEST, config, List.of()).toJson();

    assertThatThrownBy(() -> CacheFormat.manifest(image, "cache r/app:1"))
        .isInstanceOf(ImageFormatException.class)
        .hasMessage(
            "cache r/app:1 is not a jbuild cache (its config has media type"
                + " application/vnd.oci.image.config.v1+json, expected"
                + " application/vnd.jbuild.cache.v1+json)");
  }

  @Test
  void anEntryWithAnUnlistedLayerIsRefused() {
    CachePlan plan = CacheFormat.plan(fx.entries);
    ImageManifest m = ImageJson.readManifest(plan.manifest());
    ImageManifest fewer = m.withLayers(m.layers().subList(0, 2));

    assertThatThrownBy(() -> CacheFormat.entries(fewer, plan.config(), "cache x"))
        .isInstanceOf(ImageFormatException.class)
        .hasMessageStartingWith("cache x: entry ")
        .hasMessageEndingWith("that the cache manifest does not list");
  }

  @Test
  void aLaterFormatVersionIsRefused() {
    byte[] v2 = "{\"schemaVersion\":2,\"entries\":[]}".getBytes(StandardCharsets.UTF_8);
    ImageManifest m = ImageJson.readManifest(CacheFormat.plan(List.of()).manifest());

    assertThatThrownBy(() -> CacheFormat.entries(m, v2, "cache x"))
        .isInstanceOf(ImageFormatException.class)
        .hasMessage("cache x: cache format version 2 is not 1 (written by another jbuild version)");
  }
}
