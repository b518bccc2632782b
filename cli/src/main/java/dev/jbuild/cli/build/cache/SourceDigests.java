package dev.jbuild.cli.build.cache;

import dev.jbuild.cli.build.copy.SourceNotFoundException;
import dev.jbuild.cli.build.copy.SourceTree;
import dev.jbuild.cli.build.copy.StatAttributes;
import dev.jbuild.image.Digests;
import java.io.IOException;
import java.util.List;

/**
 * Digests of what COPY sources name in a source tree; file contents come through a {@link
 * StatCache}. The digest covers, for every file, directory and symlink COPY would copy: the source
 * argument and the path it matched, the entry's path below it, its type, permission bits (with
 * setuid, setgid, sticky), uid, gid, symlink target and file content. Never a timestamp, so
 * touching a file keeps the digest.
 */
public final class SourceDigests {
  /** Below this many bytes to hash, starting threads costs more than it saves. */
  private static final long PARALLEL_BYTES = 4L << 20;

  private final StatCache stats;
  private final int threads;
  private final long parallelBytes;

  public SourceDigests(StatCache stats) {
    this(stats, Math.min(2, Runtime.getRuntime().availableProcessors()), PARALLEL_BYTES);
  }

  SourceDigests(StatCache stats, int threads, long parallelBytes) {
    this.stats = stats;
    this.threads = threads;
    this.parallelBytes = parallelBytes;
  }

  /**
   * One sha256 hex digest for {@code sources} (COPY's source arguments, wildcards allowed) in
   * {@code tree}. Excluded (.dockerignore'd) files are never opened.
   *
   * @throws SourceNotFoundException when a source does not exist or is excluded, as COPY throws
   * @throws IOException when the tree cannot be read or holds a special file COPY would refuse
   */
  public String digest(SourceTree tree, List<String> sources) throws IOException {
    List<SourceEntry> entries = SourceWalk.walk(tree, sources);
    List<String> contents = SourceContents.digests(stats, entries, threads, parallelBytes);
    SourceEncoder out = new SourceEncoder(Digests.hasher());
    out.string("jbuild source digest v1");
    out.integer(sources.size());
    for (String s : sources) {
      out.string(SourceTree.clean(s));
    }
    out.integer(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      entry(out, entries.get(i), contents.get(i));
    }
    return out.finish();
  }

  private static void entry(SourceEncoder out, SourceEntry e, String content) {
    StatAttributes a = e.attributes();
    out.integer(e.source());
    out.string(e.matched());
    out.string(e.path());
    out.integer(kind(a));
    out.integer(a.permissions());
    out.integer(a.uid());
    out.integer(a.gid());
    out.string(content);
  }

  private static int kind(StatAttributes a) {
    return a.isDirectory() ? 'd' : a.isSymbolicLink() ? 'l' : 'f';
  }
}
