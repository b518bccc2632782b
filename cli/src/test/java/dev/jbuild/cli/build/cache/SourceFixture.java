package dev.jbuild.cli.build.cache;

import dev.jbuild.cli.build.copy.SourceTree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small build context with files, a subdirectory, symlinks, an ignored file and an ignored
 * directory that holds one re-included file ({@code logs/*} with {@code !logs/keep.log}).
 */
final class SourceFixture {
  /** Regular files a COPY of "." reads: a.txt, bin/tool, logs/keep.log, src/main.c, lib/util.c. */
  static final int INCLUDED_FILES = 5;

  /** A clock an hour ahead: the fixture's fresh files count as settled, not racy. */
  static final Clock LATER = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));

  /** A clock an hour behind: every fixture file looks changed just now, so none is saved. */
  static final Clock EARLIER = Clock.offset(Clock.systemUTC(), Duration.ofHours(-1));

  final Path ctx;
  final Path cacheFile;
  final SourceTree tree;
  final Opens opens = new Opens();

  SourceFixture(Path ctx, Path store) throws IOException {
    this.ctx = ctx;
    this.cacheFile = store.resolve("stat-cache/ctx.bin");
    Files.createDirectories(ctx.resolve("src/lib"));
    Files.createDirectories(ctx.resolve("bin"));
    Files.createDirectories(ctx.resolve("logs"));
    Files.writeString(ctx.resolve("a.txt"), "a");
    Files.writeString(ctx.resolve("src/main.c"), "int main;");
    Files.writeString(ctx.resolve("src/lib/util.c"), "x");
    Files.writeString(ctx.resolve("bin/tool"), "#!/bin/sh\n");
    Files.writeString(ctx.resolve("secret.key"), "k");
    Files.writeString(ctx.resolve("logs/debug.log"), "d");
    Files.writeString(ctx.resolve("logs/keep.log"), "keep");
    Files.createSymbolicLink(ctx.resolve("src/link"), Path.of("main.c"));
    Files.createSymbolicLink(ctx.resolve("src/toa"), Path.of("../a.txt"));
    this.tree = new SourceTree(ctx, SourceFixture::ignored, p -> p.equals("logs"), "build context");
  }

  private static boolean ignored(String p) {
    return p.equals("secret.key") || (p.startsWith("logs") && !p.equals("logs/keep.log"));
  }

  /** Digests in one run with its own stat cache (loaded from and saved to {@link #cacheFile}). */
  String digest(Clock clock, String... sources) throws IOException {
    try (StatCache cache = StatCache.open(cacheFile, opens, clock)) {
      return new SourceDigests(cache).digest(tree, List.of(sources));
    }
  }

  /** Digests with the real clock: every fixture file is fresh, so nothing is trusted. */
  String digest(String... sources) throws IOException {
    return digest(Clock.systemUTC(), sources);
  }

  /** Counts which files had their content opened. */
  static final class Opens implements StatCache.Opener {
    final AtomicInteger count = new AtomicInteger();
    final Set<Path> paths = ConcurrentHashMap.newKeySet();

    @Override
    public InputStream open(Path file) throws IOException {
      count.incrementAndGet();
      paths.add(file);
      return Files.newInputStream(file);
    }

    int reset() {
      paths.clear();
      return count.getAndSet(0);
    }
  }

  static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed");
    }
  }
}
