package dev.jbuild.testkit;

import dev.jbuild.image.ContainerConfig;
import dev.jbuild.image.Descriptor;
import dev.jbuild.image.History;
import dev.jbuild.image.ImageConfig;
import dev.jbuild.image.ImageManifest;
import dev.jbuild.image.MediaTypes;
import dev.jbuild.image.Platform;
import dev.jbuild.layer.Compression;
import dev.jbuild.layer.EntryMeta;
import dev.jbuild.layer.FileSource;
import dev.jbuild.layer.LayerBuilder;
import dev.jbuild.layer.LayerRef;
import dev.jbuild.oci.StoreImage;
import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Makes random but valid images in a store, deterministic for a given seed. */
public final class RandomImages {
  private RandomImages() {}

  /** A layer of a few dirs and files (sizes up to {@code maxFile} bytes) from {@code seed}. */
  public static LayerBuilder layer(long seed, int files, int maxFile) {
    Random r = new Random(seed);
    Instant t = Instant.parse("2024-01-01T00:00:00Z");
    LayerBuilder b = LayerBuilder.create();
    String dir = "d" + seed;
    b.directory(dir, EntryMeta.of(0755, 0, 0, t));
    for (int i = 0; i < files; i++) {
      byte[] content = new byte[r.nextInt(maxFile + 1)];
      r.nextBytes(content);
      b.file(dir + "/f" + i, EntryMeta.of(0644, r.nextInt(2000), 0, t), FileSource.of(content));
    }
    b.symlink(dir + "/link", EntryMeta.of(0777, 0, 0, t), "f0");
    return b;
  }

  /** An image of {@code layers} random layers, stored and tagged {@code name}. */
  public static StoreImage create(
      LocalStore store, String name, long seed, int layers, Compression c, boolean docker)
      throws IOException {
    ImageConfig config =
        ImageConfig.scratch(Platform.parse("linux/amd64"))
            .withCreated(Instant.parse("2024-01-01T00:00:00Z"))
            .withConfig(ContainerConfig.EMPTY.withCmd(List.of("/bin/sh")));
    List<Descriptor> descriptors = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      LayerRef ref = layer(seed * 100 + i, 5, 3000).commit(store, c, 2);
      descriptors.add(ref.descriptor(docker));
      config =
          config.withLayer(ref.diffId(), History.of(config.created(), "COPY random /d" + i, false));
    }
    Descriptor cfg = store.putConfig(config, docker);
    String mt = docker ? MediaTypes.DOCKER_MANIFEST : MediaTypes.OCI_MANIFEST;
    Descriptor m = store.putManifest(ImageManifest.of(mt, cfg, descriptors));
    store.tag(name, m.digest());
    return StoreImage.of(store, m.digest());
  }
}
