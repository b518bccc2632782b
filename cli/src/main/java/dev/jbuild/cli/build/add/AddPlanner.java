package dev.jbuild.cli.build.add;

import dev.jbuild.cli.build.StepFailure;
import dev.jbuild.cli.build.copy.CopyOptions;
import dev.jbuild.cli.build.copy.CopyPlanner;
import dev.jbuild.cli.build.copy.FileEntry;
import dev.jbuild.cli.build.copy.RootfsView;
import dev.jbuild.cli.build.copy.SourceTree;
import dev.jbuild.dockerfile.Instruction;
import dev.jbuild.image.Digest;
import dev.jbuild.image.ImageFormatException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Turns {@code ADD <sources> <dest>} into the entries of one layer with BuildKit's rules: local
 * sources are copied as COPY copies them, except that a local file that is a tar archive (plain,
 * gzip, bzip2, xz or zstd, by content) is unpacked into the destination with the archive's owners
 * and modes ({@code --chown}/{@code --chmod} do not apply to it); {@code http(s)://} sources are
 * downloaded (mode 0600, {@code --checksum} verified) and unpacked only with {@code --unpack=true};
 * {@code --unpack=false} copies archives as files. Git sources are checked out with the git program
 * ({@code #ref:subdir}, {@code --keep-git-dir}) and copied as a directory.
 */
public final class AddPlanner {
  private final RootfsView image;
  private final CopyOptions options;
  private final Scratch scratch;
  private final UrlFetcher fetcher = new UrlFetcher();
  private final Map<String, FileEntry> entries = new TreeMap<>();

  /** Hands out empty directories that live as long as the build. */
  @FunctionalInterface
  public interface Scratch {
    Path newDir() throws IOException;
  }

  /** The build context, opened only when a local source is named. */
  @FunctionalInterface
  public interface Context {
    SourceTree get() throws IOException;
  }

  public AddPlanner(RootfsView image, CopyOptions options, Scratch scratch) {
    this.image = image;
    this.options = options;
    this.scratch = scratch;
  }

  /**
   * Plans one ADD. {@code dest} is absolute in the image (already joined with WORKDIR); {@code
   * inline} holds the heredoc files ({@code null} without heredocs), copied and never unpacked.
   */
  public List<FileEntry> plan(
      Instruction.Add add, String dest, Context context, @Nullable SourceTree inline)
      throws IOException {
    Digest checksum = checksum(add);
    int count = add.sources().size() + add.inlineFiles().size();
    boolean wildcard = add.sources().stream().anyMatch(AddPlanner::isLocalWildcard);
    String copyDest = (count > 1 || wildcard) && !dest.endsWith("/") ? dest + "/" : dest;
    for (String source : add.sources()) {
      SourceKind kind = SourceKind.of(source);
      if (kind == SourceKind.GIT) {
        addGit(source, copyDest, add.keepGitDir());
      } else if (kind == SourceKind.HTTP) {
        addUrl(source, copyDest, checksum, Boolean.TRUE.equals(add.unpack()));
      } else {
        addLocal(context.get(), source, copyDest, !Boolean.FALSE.equals(add.unpack()));
      }
    }
    if (inline != null) {
      List<String> names =
          add.inlineFiles().stream().map(dev.jbuild.dockerfile.InlineFile::name).toList();
      merge(new CopyPlanner(image, options).add(inline, names, copyDest).entries());
    }
    return List.copyOf(entries.values());
  }

  /** BuildKit's history line: {@code ADD [--chown=…] [--chmod=…] <srcs> <dest> # buildkit}. */
  public static String createdBy(Instruction.Add add) {
    StringBuilder by = new StringBuilder("ADD ");
    if (add.chown() != null) {
      by.append("--chown=").append(add.chown()).append(' ');
    }
    if (add.chmod() != null) {
      by.append("--chmod=").append(add.chmod()).append(' ');
    }
    for (String s : add.sources()) {
      by.append(SourceKind.redact(s)).append(' ');
    }
    return by.append(add.dest()).append(" # buildkit").toString();
  }

  private static @Nullable Digest checksum(Instruction.Add add) {
    String text = add.checksum();
    if (text == null) {
      return null;
    }
    for (String s : add.sources()) {
      if (SourceKind.of(s) != SourceKind.HTTP) {
        throw new StepFailure(
            "ADD --checksum only applies to http(s) sources, and \""
                + SourceKind.redact(s)
                + "\" is not one: drop --checksum or ADD the file with its own instruction");
      }
    }
    try {
      Digest d = Digest.parse(text);
      if (!d.algorithm().equals("sha256")) {
        throw new ImageFormatException("only sha256 checksums are supported");
      }
      return d;
    } catch (ImageFormatException e) {
      throw new StepFailure(
          "ADD --checksum=" + text + ": " + e.getMessage() + " (use --checksum=sha256:<64 hex>)",
          e);
    }
  }

  private void addUrl(String source, String dest, @Nullable Digest checksum, boolean unpack)
      throws IOException {
    URI uri;
    try {
      uri = new URI(source);
    } catch (URISyntaxException e) {
      throw new StepFailure(
          "ADD " + SourceKind.redact(source) + ": not a valid URL: " + e.getReason(), e);
    }
    String name = UrlFetcher.fileName(uri);
    Path dir = scratch.newDir();
    Path file = fetcher.fetch(uri, dir, name, checksum, options.createdTime());
    Optional<ArchiveCompression> archive = unpack ? TarDetector.detect(file) : Optional.empty();
    if (archive.isPresent()) {
      unpackInto(file, archive.get(), dest, SourceKind.redact(source));
    } else {
      SourceTree download = SourceTree.of(dir, SourceKind.redact(source));
      merge(new CopyPlanner(image, options).add(download, List.of(name), dest).entries());
    }
  }

  private void addGit(String source, String dest, boolean keepGitDir) throws IOException {
    Path checkout = GitCheckout.checkout(source, scratch.newDir().resolve("repo"), keepGitDir);
    SourceTree repo = SourceTree.of(checkout, SourceKind.redact(source));
    merge(new CopyPlanner(image, options).add(repo, List.of(""), dest).entries());
  }

  private void addLocal(SourceTree tree, String source, String dest, boolean unpack)
      throws IOException {
    for (String rel : tree.match(source)) {
      Path real = tree.resolve(rel);
      Optional<ArchiveCompression> archive = unpack ? TarDetector.detect(real) : Optional.empty();
      if (archive.isPresent()) {
        unpackInto(real, archive.get(), dest, rel.isEmpty() ? source : rel);
      } else {
        String pattern = hasMeta(SourceTree.clean(source)) ? literal(rel) : source;
        merge(new CopyPlanner(image, options).add(tree, List.of(pattern), dest).entries());
      }
    }
  }

  private void unpackInto(Path archive, ArchiveCompression c, String dest, String label)
      throws IOException {
    List<FileEntry> extracted = ArchiveUnpacker.unpack(archive, c, scratch.newDir(), label);
    String target = SourceTree.clean(dest);
    new DestinationDirs(image, options, entries).ensure(target);
    for (FileEntry e : extracted) {
      String path = image.resolveParents(target.isEmpty() ? e.path() : target + "/" + e.path());
      entries.put(path, withPath(e, path));
    }
  }

  private void merge(List<FileEntry> planned) {
    for (FileEntry e : planned) {
      entries.put(e.path(), e);
    }
  }

  private static boolean isLocalWildcard(String source) {
    return SourceKind.of(source) == SourceKind.LOCAL && hasMeta(SourceTree.clean(source));
  }

  private static boolean hasMeta(String s) {
    return s.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '\\');
  }

  /** A matched path as a pattern that matches only itself. */
  private static String literal(String rel) {
    return rel.replaceAll("([*?\\[\\\\])", "\\\\$1");
  }

  private static FileEntry withPath(FileEntry e, String path) {
    return new FileEntry(
        path, e.kind(), e.mode(), e.uid(), e.gid(), e.mtime(), e.source(), e.linkTarget());
  }
}
