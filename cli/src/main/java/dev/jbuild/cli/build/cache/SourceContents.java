package dev.jbuild.cli.build.cache;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The content part of each walked entry: a file's sha256 (from the stat cache, or hashed), a
 * symlink's target, "" for a directory. Files the cache does not know are hashed on several threads
 * when there are enough bytes to make it pay.
 */
final class SourceContents {
  private SourceContents() {}

  static List<String> digests(
      StatCache stats, List<SourceEntry> entries, int threads, long parallelBytes)
      throws IOException {
    String[] out = new String[entries.size()];
    List<Integer> misses = new ArrayList<>();
    long missBytes = 0;
    for (int i = 0; i < out.length; i++) {
      SourceEntry e = entries.get(i);
      String known = known(stats, e);
      if (known != null) {
        out[i] = known;
      } else {
        misses.add(i);
        missBytes += e.attributes().size();
      }
    }
    if (threads > 1 && misses.size() > 1 && missBytes >= parallelBytes) {
      hashInParallel(stats, entries, misses, out, threads);
    } else {
      for (int i : misses) {
        out[i] = hash(stats, entries.get(i));
      }
    }
    return List.of(out);
  }

  private static @Nullable String known(StatCache stats, SourceEntry e) {
    if (e.linkTarget() != null) {
      return e.linkTarget();
    }
    if (e.attributes().isDirectory()) {
      return "";
    }
    return stats.cached(e.real(), e.attributes());
  }

  private static String hash(StatCache stats, SourceEntry e) throws IOException {
    return stats.contentDigest(e.real(), e.attributes());
  }

  private static void hashInParallel(
      StatCache stats, List<SourceEntry> entries, List<Integer> misses, String[] out, int threads)
      throws IOException {
    AtomicInteger next = new AtomicInteger();
    Callable<Void> worker =
        () -> {
          for (int k; (k = next.getAndIncrement()) < misses.size(); ) {
            int i = misses.get(k);
            out[i] = hash(stats, entries.get(i));
          }
          return null;
        };
    ExecutorService pool = Executors.newFixedThreadPool(threads, SourceContents::daemon);
    try {
      for (Future<Void> f : pool.invokeAll(Collections.nCopies(threads, worker))) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("hashing build sources: interrupted", e);
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static IOException rethrow(@Nullable Throwable cause) {
    if (cause instanceof IOException) {
      return (IOException) cause;
    }
    if (cause instanceof RuntimeException) {
      throw (RuntimeException) cause;
    }
    if (cause instanceof Error) {
      throw (Error) cause;
    }
    return new IOException("hashing build sources", cause);
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "jbuild-source-hash");
    t.setDaemon(true);
    return t;
  }
}
