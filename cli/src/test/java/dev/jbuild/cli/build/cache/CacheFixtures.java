package dev.jbuild.cli.build.cache;

import dev.jbuild.image.Descriptor;
import dev.jbuild.image.Digest;
import dev.jbuild.image.History;
import dev.jbuild.image.ImageConfig;
import dev.jbuild.image.MediaTypes;
import dev.jbuild.image.Platform;
import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Three cache entries of one stage (one, two, three layers) whose random layer blobs are in a
 * store.
 */
final class CacheFixtures {
  final List<Descriptor> layers = new ArrayList<>();
  final List<CacheEntry> entries = new ArrayList<>();

  CacheFixtures(LocalStore store) throws IOException {
    ImageConfig config = ImageConfig.scratch(Platform.parse("linux/amd64"));
    List<Descriptor> stack = new ArrayList<>();
    // fresh content per fixture: a registry shares blobs between repositories, and a test
    // that corrupts one must not break another
    long salt = new Random().nextLong();
    for (int i = 0; i < 3; i++) {
      Descriptor layer = layer(store, salt + i, 50_000 + i * 7_000);
      layers.add(layer);
      stack.add(layer);
      config =
          config.withLayer(
              layer.digest(),
              History.of(
                  Instant.parse("2026-01-0" + (i + 1) + "T00:00:00Z"), "RUN step " + i, false));
      entries.add(
          new CacheEntry(
              key(i), Instant.parse("2026-11-28T00:00:0" + i + "Z"), config, stack, i == 2));
    }
  }

  static String key(int i) {
    return Integer.toHexString(10 + i).repeat(64);
  }

  private static Descriptor layer(LocalStore store, long seed, int size) throws IOException {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    Digest d = store.putBlob(bytes);
    return Descriptor.of(MediaTypes.OCI_LAYER_GZIP, d, size);
  }

  static byte[] blob(LocalStore store, Descriptor d) throws IOException {
    return Files.readAllBytes(store.blobPath(d.digest()));
  }
}
