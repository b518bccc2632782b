package dev.jbuild.registry;

import dev.jbuild.image.MediaTypes;
import dev.jbuild.image.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * One pull from one source: choose the platform's manifest, fetch config and layers concurrently
 * into the sink (skipping what it has), then hand over the manifests.
 */
final class ImagePuller {
  private final Session s;
  private final ImageReference source;
  private final BlobSink sink;
  private final ProgressListener progress;
  private final String where;
  private final ExecutorService workers;

  ImagePuller(
      Session s,
      ImageReference source,
      BlobSink sink,
      ProgressListener progress,
      ExecutorService workers) {
    this.workers = workers;
    this.s = s;
    this.source = source;
    this.sink = sink;
    this.progress = progress;
    this.where = RegistryException.where("pull", source.registry(), source.repository()) + ": ";
  }

  PullResult pull(ManifestBlob top, Platform platform) {
    ManifestBlob index = null;
    ManifestBlob manifest = top;
    ManifestJson.Tree tree = ManifestJson.tree(top.bytes(), where);
    if (MediaTypes.isIndex(top.mediaType()) || tree.has("manifests")) {
      index = top;
      String digest = choose(tree, platform);
      manifest = new ManifestPuller(s).pull(source.repository(), digest);
      tree = ManifestJson.tree(manifest.bytes(), where);
    }
    ManifestJson.Ref config = ManifestJson.config(tree, where);
    List<ManifestJson.Ref> layers = ManifestJson.layers(tree, where);
    List<ManifestJson.Ref> all = new ArrayList<>();
    all.add(config);
    all.addAll(layers);
    fetchAll(all);
    store(manifest);
    if (index != null) {
      store(index);
    }
    List<String> layerDigests = new ArrayList<>();
    layers.forEach(l -> layerDigests.add(l.digest()));
    return new PullResult(source, manifest, index, config.digest(), layerDigests);
  }

  private String choose(ManifestJson.Tree index, Platform platform) {
    List<String> available = new ArrayList<>();
    for (ManifestJson.Ref m : ManifestJson.manifests(index, where)) {
      ManifestJson.PlatformFields p = m.platform();
      if (p == null) {
        continue;
      }
      String os = p.os();
      String arch = p.architecture();
      String variant = p.variant();
      if (PlatformMatch.matches(platform, os, arch, variant.isEmpty() ? null : variant)) {
        return m.digest();
      }
      available.add(os + "/" + arch + (variant.isEmpty() ? "" : "/" + variant));
    }
    throw new RegistryException(
        where
            + "no image for platform "
            + platform
            + " in the index (available: "
            + (available.isEmpty() ? "none" : String.join(", ", available))
            + "); choose one with --platform");
  }

  private void fetchAll(List<ManifestJson.Ref> refs) {
    Map<String, ManifestJson.Ref> unique = new LinkedHashMap<>();
    refs.forEach(r -> unique.putIfAbsent(r.digest(), r));
    List<Future<?>> futures = new ArrayList<>();
    for (ManifestJson.Ref ref : unique.values()) {
      futures.add(workers.submit(() -> fetch(ref)));
    }
    RegistryClient.awaitAll(futures);
  }

  private @Nullable Void fetch(ManifestJson.Ref ref) throws IOException {
    if (sink.has(ref.digest())) {
      progress.finished(ref.digest(), ProgressListener.Outcome.ALREADY_PRESENT);
      return null;
    }
    Path verified =
        new BlobPuller(s)
            .pull(source.repository(), ref.digest(), ref.size(), sink.tempDirectory(), progress);
    try {
      sink.accept(ref.digest(), verified);
    } finally {
      Files.deleteIfExists(verified);
    }
    progress.finished(ref.digest(), ProgressListener.Outcome.DOWNLOADED);
    return null;
  }

  private void store(ManifestBlob m) {
    try {
      if (sink.has(m.digest())) {
        return;
      }
      Path tmp = Files.createTempFile(sink.tempDirectory(), "jbuild-manifest-", ".partial");
      try {
        Files.write(tmp, m.bytes());
        sink.accept(m.digest(), tmp);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new RegistryException(
          where + "store manifest " + m.digest() + ": " + e.getMessage(), e);
    }
  }
}
