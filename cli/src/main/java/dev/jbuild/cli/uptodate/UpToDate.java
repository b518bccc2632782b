package dev.jbuild.cli.uptodate;

import dev.jbuild.cli.build.copy.StatAttributes;
import dev.jbuild.image.Digest;
import dev.jbuild.store.StorePaths;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The up-to-date record of one {@code build} command line: a build that ran no step leaves a record
 * in {@code <store>/uptodate/}, and the same command with nothing it read changed is answered from
 * it with a stat of each path, before any Dockerfile parsing or cache key work.
 */
public final class UpToDate {
  /**
   * Records kept per store: one per command line, each as big as its context's path list (~0.5 MB
   * for 6,000 files), so a CI runner building ever new tags does not fill the disk.
   */
  static final int KEEP = 32;

  private final RecordKey key;
  private final Path storeRoot;
  private final Path file;
  private final long startNanos;

  private UpToDate(RecordKey key, Path storeRoot, long startNanos) {
    this.key = key;
    this.storeRoot = storeRoot;
    this.file = storeRoot.resolve("uptodate").resolve(key.fileName());
    this.startNanos = startNanos;
  }

  /** The record slot of {@code args} (the whole command line) run with {@code env}. */
  public static UpToDate of(List<String> args, Map<String, String> env, Path storeRoot, Clock clock)
      throws IOException {
    long start = StatAttributes.epochNanos(clock.instant());
    Path cwd = Path.of(System.getProperty("user.dir"));
    int uid = StatAttributes.read(Path.of("/proc/self")).uid();
    return new UpToDate(RecordKey.of(jar(), uid, cwd, args, env), storeRoot, start);
  }

  /**
   * A recorder for a build re-executed in a user namespace: it leaves its record in {@code file}
   * for the parent process to {@link #adopt} under the user's command line.
   */
  public static BuildRecorder recorderFor(Path file) {
    return new BuildRecorder(new RecordKey(""), file, StatAttributes.epochNanos(Instant.now()), 0);
  }

  /** Files the record a re-executed build left in {@code childRecord} as this command's own. */
  public void adopt(Path childRecord) throws IOException {
    Optional<BuildRecord> r = BuildRecordFile.read(childRecord);
    if (r.isPresent()) {
      BuildRecordFile.write(file, r.get().withKey(key.text()));
      BuildRecordFile.keepNewest(java.util.Objects.requireNonNull(file.getParent()), KEEP);
    }
  }

  /** Collects this build's record; call before the build reads anything. */
  public BuildRecorder recorder() {
    return new BuildRecorder(key, file, startNanos, KEEP);
  }

  /** The record of this command if it exists and nothing it depends on changed since. */
  public Optional<BuildRecord> unchanged() throws IOException {
    Optional<BuildRecord> found = BuildRecordFile.read(file);
    if (found.isEmpty() || !found.get().key().equals(key.text())) {
      return Optional.empty();
    }
    BuildRecord r = found.get();
    return pathsUnchanged(r) && storeHolds(r) ? found : Optional.empty();
  }

  /** Every watched path stats as recorded; stops at the first that does not. */
  private static boolean pathsUnchanged(BuildRecord r) throws IOException {
    for (WatchedPath w : r.watched()) {
      if (!WatchedPath.lstat(Path.of(w.path())).equals(w)) {
        return false;
      }
    }
    return true;
  }

  /** The image is stored and every name still points where it did (images.json as written). */
  private boolean storeHolds(BuildRecord r) throws IOException {
    Digest manifest = Digest.parse(r.result().manifestDigest());
    if (!Files.isRegularFile(StorePaths.blob(storeRoot, manifest))) {
      return false;
    }
    String images;
    try {
      images = Files.readString(StorePaths.images(storeRoot), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return r.result().names().isEmpty();
    }
    for (Map.Entry<String, String> e : r.result().names().entrySet()) {
      if (!holds(images, e.getKey(), e.getValue())) {
        return false;
      }
    }
    return true;
  }

  private static boolean holds(String images, String name, String digest) {
    String entry = "\"" + name + "\":\"" + digest + "\"";
    for (int i = images.indexOf(entry); i >= 0; i = images.indexOf(entry, i + 1)) {
      char before = i == 0 ? ' ' : images.charAt(i - 1);
      if (before == '{' || before == ',') {
        return true;
      }
    }
    return false;
  }

  /** The code running, with its size and time: a record of another jbuild build is not reused. */
  private static String jar() throws IOException {
    CodeSource source = UpToDate.class.getProtectionDomain().getCodeSource();
    if (source == null) {
      return "unknown";
    }
    try {
      Path p = Path.of(source.getLocation().toURI());
      StatAttributes a = StatAttributes.read(p);
      return p + " " + a.size() + " " + a.mtimeNanos() + " " + a.ctimeNanos() + " " + a.inode();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return source.getLocation().toString();
    }
  }
}
