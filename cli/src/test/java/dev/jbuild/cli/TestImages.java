package dev.jbuild.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jbuild.image.ContainerConfig;
import dev.jbuild.image.Descriptor;
import dev.jbuild.image.Digest;
import dev.jbuild.image.History;
import dev.jbuild.image.ImageConfig;
import dev.jbuild.image.ImageIndex;
import dev.jbuild.image.ImageManifest;
import dev.jbuild.image.MediaTypes;
import dev.jbuild.image.Platform;
import dev.jbuild.layer.Compression;
import dev.jbuild.layer.EntryMeta;
import dev.jbuild.layer.FileSource;
import dev.jbuild.layer.LayerBuilder;
import dev.jbuild.layer.LayerRef;
import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Small real images assembled with the layer-builder API, and a way to run commands in-process. */
final class TestImages {
  static final Instant CREATED = Instant.parse("2024-01-02T03:04:05Z");

  private TestImages() {}

  /** What one {@code jbuild} run printed and returned. */
  record Run(int exitCode, String out, String err) {}

  static Run jbuild(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  /**
   * Stores an image whose layers each hold one file {@code /fileN} with the given content, with
   * {@code ENV} set; returns the manifest digest. Not tagged.
   */
  static Digest put(Path root, List<String> env, String... layerContents) throws IOException {
    return put(root, Platform.of("linux", "amd64", null), env, layerContents);
  }

  static Digest put(Path root, Platform platform, List<String> env, String... layerContents)
      throws IOException {
    return put(root, platform, env, Compression.GZIP, layerContents);
  }

  /**
   * {@link #put}, with the layers stored compressed as {@code c} (NONE: as a build stores them).
   */
  static Digest put(
      Path root, Platform platform, List<String> env, Compression c, String... layerContents)
      throws IOException {
    try (LocalStore store = LocalStore.open(root)) {
      ImageConfig config =
          ImageConfig.scratch(platform)
              .withCreated(CREATED)
              .withConfig(ContainerConfig.EMPTY.withEnv(env));
      List<Descriptor> layers = new ArrayList<>();
      for (int i = 0; i < layerContents.length; i++) {
        LayerRef ref =
            LayerBuilder.create()
                .file(
                    "file" + i,
                    EntryMeta.of(0644, 0, 0, CREATED),
                    FileSource.of(layerContents[i].getBytes(UTF_8)))
                .commit(store, c);
        layers.add(ref.descriptor(false));
        config = config.withLayer(ref.diffId(), History.of(CREATED, "COPY file" + i + " /", false));
      }
      Descriptor cfg = store.putConfig(config, false);
      return store.putManifest(ImageManifest.of(MediaTypes.OCI_MANIFEST, cfg, layers)).digest();
    }
  }

  /** Stores an OCI index of one amd64 and one arm64 image and tags it {@code name}. */
  static Digest putIndex(Path root, String name) throws IOException {
    return putIndex(root, name, Compression.GZIP);
  }

  /** {@link #putIndex(Path, String)} with layers stored compressed as {@code c}. */
  static Digest putIndex(Path root, String name, Compression c) throws IOException {
    Digest amd = put(root, Platform.of("linux", "amd64", null), List.of("P=amd64"), c, "amd");
    Digest arm = put(root, Platform.of("linux", "arm64", null), List.of("P=arm64"), c, "arm");
    try (LocalStore store = LocalStore.open(root)) {
      List<Descriptor> entries = new ArrayList<>();
      entries.add(
          Descriptor.of(MediaTypes.OCI_MANIFEST, amd, store.blobSize(amd))
              .withPlatform(Platform.of("linux", "amd64", null)));
      entries.add(
          Descriptor.of(MediaTypes.OCI_MANIFEST, arm, store.blobSize(arm))
              .withPlatform(Platform.of("linux", "arm64", null)));
      Digest index = store.putManifest(ImageIndex.of(MediaTypes.OCI_INDEX, entries)).digest();
      store.tag(name, index);
      return index;
    }
  }

  /** {@link #put} and tags the result {@code name} (already normalized). */
  static Digest putTagged(Path root, String name, String... layerContents) throws IOException {
    Digest d = put(root, List.of("PATH=/bin", "A=1"), layerContents);
    try (LocalStore store = LocalStore.open(root)) {
      store.tag(name, d);
    }
    return d;
  }
}
