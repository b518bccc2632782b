package dev.jbuild.cli.build;

import dev.jbuild.cli.build.cache.BuildCache;
import dev.jbuild.cli.build.cache.CacheSpec;
import dev.jbuild.cli.build.cache.StoreCache;
import dev.jbuild.cli.build.copy.PathWatch;
import dev.jbuild.cli.build.copy.SourceTree;
import dev.jbuild.cli.progress.Progress;
import dev.jbuild.dockerfile.DockerIgnore;
import dev.jbuild.image.Platform;
import dev.jbuild.rootless.Isolation;
import dev.jbuild.rootless.Rootless;
import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** Wires one build's engine from the request: settings, contexts, store-backed services. */
public final class EngineFactory implements java.io.Closeable {
  private final LocalStore store;
  private final BuildRequest request;
  private final BuildSettings settings;
  private final StageInputs inputs;
  private final ImageSources images;
  private final Progress progress;
  private final Map<String, StageState> stages = new ConcurrentHashMap<>();
  private final StoreRootfs rootfs;
  private final StoreLayerIndexer indexer;
  private final StepKeys keys;
  private final StepCache cache;
  private final StoreSourceHasher hasher;
  private final CacheSharing sharing;
  private final StageViews views;

  private EngineFactory(LocalStore store, BuildRequest request, Progress progress, PathWatch watch)
      throws IOException {
    this.store = store;
    this.request = request;
    this.progress = progress;
    this.settings = settings(request);
    this.images =
        new ImageSources(
            store, request.options().registry(), request.pull(), progress, settings.platform());
    this.hasher = new StoreSourceHasher(store.root());
    this.rootfs = new StoreRootfs(store, hasher, settings.sourceDateEpoch());
    this.indexer = new StoreLayerIndexer(store);
    SourceTree main = mainContext(request);
    BuildContexts contexts =
        new BuildContexts(
            main == null ? null : main.watchedBy(watch), request.buildContexts(), watch);
    LazyRunSupport runs =
        new LazyRunSupport(
            Rootless::detect,
            Isolation.parse(request.options().isolation()),
            Optional.ofNullable(request.options().runtime()),
            progress,
            store.root().resolve("cache-mounts"),
            request.options().secrets(),
            request.options().ssh(),
            request.options().snapshotter());
    this.views = new StageViews(runs, store::newTempDir);
    this.inputs =
        new StageInputs(
            settings,
            new LayerCommitter(store, settings),
            contexts,
            new FromSources(stages, contexts, images, rootfs, views),
            rootfs,
            store::newTempDir,
            runs);
    runs.bind(inputs);
    this.keys = new StepKeys(settings, contexts, inputs.fromSources(), hasher);
    this.sharing = new CacheSharing(store, request.options().registry(), progress);
    this.cache = stepCache(store, request, sharing);
  }

  private static StepCache stepCache(LocalStore store, BuildRequest request, CacheSharing sharing) {
    CacheOptions o = request.options().cache();
    StoreCache local = new StoreCache(store, o.ttl(), Instant.now());
    List<BuildCache> imported = request.noCache() ? List.of() : sharing.imports(o.from());
    return new StepCache(local, imported, request.noCache(), o.noCacheStages());
  }

  /** Writes this build's cache entries to every {@code --cache-to} destination. */
  public void exportCache(BuildEngine engine) throws IOException {
    for (CacheSpec spec : request.options().cache().to()) {
      sharing.export(spec, engine.cacheEntries(spec.max()));
    }
  }

  /**
   * @param watch told which paths of the build contexts the cache keys read
   */
  public static EngineFactory create(
      LocalStore store, BuildRequest request, Progress progress, PathWatch watch)
      throws IOException {
    store.collectTrashInBackground(); // earlier builds' temp dirs, deleted while this one works
    return new EngineFactory(store, request, progress, watch);
  }

  /** Images the build found in the store by name: name to manifest digest. */
  public Map<String, String> imagesByName() {
    return images.resolvedByName();
  }

  /** Whether the build pulled nothing. */
  public boolean pulledNothing() {
    return images.pulledNothing();
  }

  /** Saves the stat caches of the contexts this build hashed. */
  @Override
  public void close() throws IOException {
    try {
      views.close();
      hasher.close();
    } finally {
      sharing.close();
    }
  }

  public BuildEngine engine() {
    return new BuildEngine(
        inputs, images, indexer, progress, request.dockerfileName(), stages, keys, cache, views);
  }

  public BuiltImage assemble(StageState target) throws IOException {
    return ImageAssembler.assemble(store, target, settings, request.labels());
  }

  /** Unpacks the image's filesystem (for the local and tar outputs). */
  public java.nio.file.Path rootfs(BuiltImage image) throws IOException {
    return rootfs.materialize(image.stage());
  }

  /** The owners of the unpacked files (recorded when they could not be set). */
  public dev.jbuild.layer.FileOwnership owners() throws IOException {
    return rootfs.owners();
  }

  public dev.jbuild.registry.RegistryOptions registryOptions() {
    return request.options().registry();
  }

  public BuildSettings settings() {
    return settings;
  }

  /** {@code --compression-format}: how the image's layers leave the store. */
  public dev.jbuild.layer.Compression compression() {
    return request.options().compression();
  }

  private static BuildSettings settings(BuildRequest request) {
    Instant epoch = sourceDateEpoch(request.environment());
    Instant now = epoch != null ? epoch : Instant.now();
    BuildOptions o = request.options();
    return new BuildSettings(now, epoch, Platform.parse(request.platform()), o.dockerFormat());
  }

  private static @Nullable Instant sourceDateEpoch(Map<String, String> env) {
    String v = env.get("SOURCE_DATE_EPOCH");
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Instant.ofEpochSecond(Long.parseLong(v.trim()));
    } catch (NumberFormatException e) {
      throw new StepFailure("SOURCE_DATE_EPOCH=\"" + v + "\" is not a number of seconds");
    }
  }

  private static @Nullable SourceTree mainContext(BuildRequest request) {
    if (request.context() == null) {
      return null;
    }
    DockerIgnore ignore = IgnoreRules.of(request.ignoreText());
    return new SourceTree(request.context(), ignore::matches, ignore::walkInto, "build context");
  }
}
