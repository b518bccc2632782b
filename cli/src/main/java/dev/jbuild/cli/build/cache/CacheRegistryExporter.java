package dev.jbuild.cli.build.cache;

import dev.jbuild.image.Descriptor;
import dev.jbuild.registry.BlobSource;
import dev.jbuild.registry.ImageReference;
import dev.jbuild.registry.ManifestBlob;
import dev.jbuild.registry.ProgressListener;
import dev.jbuild.registry.PushImage;
import dev.jbuild.registry.RegistryClient;
import dev.jbuild.registry.RegistryException;
import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code --cache-to type=registry,ref=REF}: pushes the layers (gzip, see {@link CacheExportLayers})
 * the registry lacks (a HEAD finds the others), the cache index, then the manifest under REF's tag,
 * so readers see the old cache or the complete new one.
 */
final class CacheRegistryExporter implements CacheExporter {
  private final CacheSpec.Registry spec;
  private final RegistryClient client;
  private final ProgressListener progress;

  CacheRegistryExporter(CacheSpec.Registry spec, RegistryClient client, ProgressListener progress) {
    this.spec = spec;
    this.client = client;
    this.progress = progress;
  }

  @Override
  public CacheExportSummary export(List<CacheEntry> entries, LocalStore store) {
    ImageReference ref = ImageReference.parse(spec.ref());
    String where = "export cache to " + ref;
    CachePlan plan;
    try {
      plan = CacheFormat.plan(CacheExportLayers.compressed(entries, store));
    } catch (IOException e) {
      throw new CacheException(where + ": " + CacheIoErrors.describe(e), e);
    }
    List<BlobSource> blobs = new ArrayList<>();
    blobs.add(CacheBlobSources.bytes(plan.configDescriptor(), plan.config()));
    for (Descriptor l : plan.layers()) {
      if (!store.hasBlob(l.digest())) {
        throw CacheLocalExporter.missing(where, plan, l);
      }
      blobs.add(CacheBlobSources.store(store, l));
    }
    Descriptor md = plan.manifestDescriptor();
    ManifestBlob manifest =
        new ManifestBlob(md.mediaType(), md.digest().toString(), plan.manifest());
    Counting counting = new Counting(progress);
    try {
      client.push(ref, new PushImage(manifest, blobs), counting);
    } catch (RegistryException e) {
      throw new CacheException(where + ": " + e.getMessage(), e);
    }
    return new CacheExportSummary(
        ref.toString(),
        md.digest().toString(),
        plan.entryCount(),
        plan.layers().size(),
        counting.written.get());
  }

  /** Passes events on and counts the blobs that had to be sent. */
  private static final class Counting implements ProgressListener {
    final ProgressListener next;
    final AtomicInteger written = new AtomicInteger();

    Counting(ProgressListener next) {
      this.next = next;
    }

    @Override
    public void started(String digest, long size) {
      next.started(digest, size);
    }

    @Override
    public void transferred(String digest, long bytesSoFar, long size) {
      next.transferred(digest, bytesSoFar, size);
    }

    @Override
    public void finished(String digest, Outcome outcome) {
      if (outcome == Outcome.UPLOADED || outcome == Outcome.MOUNTED) {
        written.incrementAndGet();
      }
      next.finished(digest, outcome);
    }
  }
}
