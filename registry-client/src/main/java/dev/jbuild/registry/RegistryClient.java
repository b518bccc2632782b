package dev.jbuild.registry;

import dev.jbuild.image.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Pulls and pushes images over the OCI distribution API. Owns connections, authorization, retries
 * and error messages; the endpoint classes do one request kind each. Thread-safe; close it to stop
 * its worker threads.
 */
public final class RegistryClient implements AutoCloseable {
  private final RegistryOptions options;
  private final OkHttpClient base;
  private final ExecutorService workers;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Session.Sleeper sleeper;

  private RegistryClient(RegistryOptions options, Session.Sleeper sleeper) {
    this.options = options;
    this.sleeper = sleeper;
    this.base = baseClient(options.concurrency());
    this.workers =
        Executors.newFixedThreadPool(
            options.concurrency(),
            r -> {
              Thread t = new Thread(r, "jbuild-registry");
              t.setDaemon(true);
              return t;
            });
  }

  private static OkHttpClient baseClient(int concurrency) {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequestsPerHost(Math.max(8, concurrency * 2));
    return new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .socketFactory(new BufferedSockets())
        .connectionPool(new ConnectionPool(concurrency * 2, 1, TimeUnit.MINUTES))
        // no TLS set-up until a registry needs it: see HttpClients
        .connectionSpecs(List.of(ConnectionSpec.CLEARTEXT))
        // okhttp would silently resend an upload on a dropped connection; we decide
        // ourselves (a new upload session), so nothing is appended twice.
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .followSslRedirects(false)
        .connectTimeout(Duration.ofSeconds(30))
        .readTimeout(Duration.ofSeconds(120))
        .writeTimeout(Duration.ofSeconds(120))
        .build();
  }

  /**
   * Loads and initialises what a client's first request needs (okhttp and its probe of the
   * platform's security providers, URL and request classes, the JSON parser) without sending
   * anything, so that a command can have it done while it is still parsing its arguments.
   */
  public static void warmUp() {
    OkHttpClient c = baseClient(1);
    c.newCall(new Request.Builder().url("http://127.0.0.1/v2/").get().build());
    try {
      JsonValues.parse("{\"a\":[1,\"b\"]}".getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("[internal error] " + e.getMessage(), e);
    }
  }

  public static RegistryClient create(RegistryOptions options) {
    return new RegistryClient(options, d -> Thread.sleep(d.toMillis()));
  }

  /** For tests: waits are reported to {@code sleeper} instead of slept. */
  static RegistryClient create(RegistryOptions options, Session.Sleeper sleeper) {
    return new RegistryClient(options, sleeper);
  }

  Session session(String registry) {
    return sessions.computeIfAbsent(registry, this::newSession);
  }

  private Session newSession(String registry) {
    Boolean verifyOption = options.tlsVerify();
    boolean insecure =
        Boolean.FALSE.equals(verifyOption)
            || options.insecureRegistries().contains(registry)
            || options.registriesConf().insecure(registry);
    boolean verify = !insecure;
    boolean allowHttp =
        insecure || (!Boolean.TRUE.equals(verifyOption) && Hosts.isLoopback(registry));
    HttpClients http =
        new HttpClients(
            base,
            () ->
                TlsSettings.apply(
                        base.newBuilder()
                            .connectionSpecs(
                                List.of(ConnectionSpec.MODERN_TLS, ConnectionSpec.CLEARTEXT)),
                        registry,
                        verify,
                        options.certDirs())
                    .build());
    Credentials creds = options.credentials();
    if (creds == null) {
      creds = options.credentialStore().lookup(registry).orElse(null);
    }
    Authorizer auth = new Authorizer(registry, creds, http, Clock.systemUTC());
    return new Session(registry, http, auth, options.retry(), allowHttp, sleeper);
  }

  /** The manifest or index {@code ref} names, verified, from the first source that has it. */
  public ManifestBlob fetchManifest(ImageReference ref) {
    return locate(ref).manifest();
  }

  /** The digest {@code ref}'s tag points to (HEAD, no download), or empty if there is none. */
  public Optional<String> resolveDigest(ImageReference ref) {
    ImageReference target = options.registriesConf().pushTarget(ref);
    return new ManifestChecker(session(target.registry()))
        .digest(target.repository(), target.identifier());
  }

  public List<String> listTags(ImageReference repository) {
    ImageReference target = options.registriesConf().pushTarget(repository);
    return new TagLister(session(target.registry())).list(target.repository());
  }

  /**
   * Checks that {@code credentials} are accepted by {@code registry} for {@code repository} (or for
   * the registry as a whole when it is empty) before {@code jbuild login} stores them.
   */
  public void checkLogin(String registry, String repository, Credentials credentials) {
    try (RegistryClient probe =
        new RegistryClient(options.withCredentials(credentials).withConcurrency(1), sleeper)) {
      Session s = probe.session(registry);
      if (repository.isEmpty()) {
        new LoginCheck(s).check();
      } else {
        new TagLister(s).list(repository);
      }
    }
  }

  /**
   * Pulls {@code ref}: the manifest (choosing {@code platform} from an index), then config and
   * layers concurrently into {@code sink}, skipping blobs it already has. Every byte handed to the
   * sink has been verified; manifests are handed over last.
   */
  public PullResult pull(
      ImageReference ref, Platform platform, BlobSink sink, ProgressListener progress) {
    return pull(locate(ref), platform, sink, progress);
  }

  /**
   * The manifest or index {@code ref} names, verified, from the first source that has it (mirrors
   * first), remembering which one: a caller can do this while it prepares the sink.
   */
  public LocatedManifest locate(ImageReference ref) {
    RegistryException last = null;
    for (ImageReference source : options.registriesConf().pullSources(ref)) {
      try {
        ManifestBlob top =
            new ManifestPuller(session(source.registry()))
                .pull(source.repository(), source.identifier());
        return new LocatedManifest(source, top);
      } catch (RegistryException e) {
        last = e;
      }
    }
    throw java.util.Objects.requireNonNull(last);
  }

  /**
   * The rest of a pull after {@link #locate}: see {@link #pull(ImageReference, Platform, BlobSink,
   * ProgressListener)}.
   */
  public PullResult pull(
      LocatedManifest located, Platform platform, BlobSink sink, ProgressListener progress) {
    ImageReference source = located.source();
    return new ImagePuller(session(source.registry()), source, sink, progress, workers)
        .pull(located.manifest(), platform);
  }

  /** Pushes one image: blobs concurrently (skipping and mounting where possible), manifest last. */
  public String push(ImageReference target, PushImage image, ProgressListener progress) {
    ImageReference t = options.registriesConf().pushTarget(target);
    Session s = session(t.registry());
    pushBlobs(s, t, image.blobs(), progress);
    new ManifestPusher(s).push(t.repository(), t.identifier(), image.manifest());
    return image.manifest().digest();
  }

  /** Pushes every image of {@code index} by digest, then the index under {@code target}'s tag. */
  public String pushIndex(
      ImageReference target,
      ManifestBlob index,
      List<PushImage> images,
      ProgressListener progress) {
    ImageReference t = options.registriesConf().pushTarget(target);
    Session s = session(t.registry());
    for (PushImage image : images) {
      pushBlobs(s, t, image.blobs(), progress);
      new ManifestPusher(s).push(t.repository(), image.manifest().digest(), image.manifest());
    }
    new ManifestPusher(s).push(t.repository(), t.identifier(), index);
    return index.digest();
  }

  /** Adds {@code tag} to an existing manifest in the same repository. */
  public void tag(ImageReference existing, String tag) {
    ManifestBlob m = fetchManifest(existing);
    ImageReference t = options.registriesConf().pushTarget(existing);
    new ManifestPusher(session(t.registry())).push(t.repository(), tag, m);
  }

  private void pushBlobs(
      Session s, ImageReference target, List<BlobSource> blobs, ProgressListener progress) {
    Map<String, BlobSource> unique = new LinkedHashMap<>();
    blobs.forEach(b -> unique.putIfAbsent(b.digest(), b));
    List<Future<?>> futures = new ArrayList<>();
    for (BlobSource blob : unique.values()) {
      ImageReference from = blob.mountSource();
      String mountFrom =
          from != null
                  && from.registry().equals(target.registry())
                  && !from.repository().equals(target.repository())
              ? from.repository()
              : null;
      futures.add(
          workers.submit(
              () -> {
                ProgressListener.Outcome outcome =
                    new BlobPusher(s)
                        .push(target.repository(), blob, mountFrom, options.chunkSize(), progress);
                progress.finished(blob.digest(), outcome);
                return null;
              }));
    }
    awaitAll(futures);
  }

  static void awaitAll(List<? extends Future<?>> futures) {
    RuntimeException failure = null;
    for (Future<?> f : futures) {
      // Wait for every task, even after a failure, so none is still writing a temp file when
      // the caller sees the error.
      try {
        f.get();
      } catch (ExecutionException e) {
        if (failure != null) {
          continue;
        }
        Throwable c = e.getCause();
        if (c instanceof RuntimeException re) {
          failure = re;
        } else if (c != null) {
          failure = new RegistryException(String.valueOf(c.getMessage()), c);
        } else {
          failure = new RegistryException(String.valueOf(e.getMessage()), e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        futures.forEach(x -> x.cancel(true));
        throw new RegistryException("interrupted");
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void close() {
    workers.shutdownNow();
    base.dispatcher().executorService().shutdown();
    base.connectionPool().evictAll();
  }
}
