package dev.jbuild.cli.build.add;

import dev.jbuild.cli.build.StepFailure;
import dev.jbuild.cli.build.copy.ScopedResolver;
import dev.jbuild.store.AtomicFiles;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks out {@code ADD <git url>} with the {@code git} program, as BuildKit's git source does: a
 * shallow fetch of the ref named after {@code #} (default: the remote's HEAD), submodules included,
 * {@code .git} dropped unless {@code --keep-git-dir}. Every file gets the commit's time so the same
 * commit always gives the same layer. Errors show git's last line with any password masked.
 */
final class GitCheckout {
  private final GitRef ref;
  private final Path dir;

  private GitCheckout(GitRef ref, Path dir) {
    this.ref = ref;
    this.dir = dir;
  }

  /**
   * Checks {@code source} out into the empty directory {@code dir}; returns the directory to copy
   * (the {@code :subdir} of the fragment, if any).
   */
  static Path checkout(String source, Path dir, boolean keepGitDir) throws IOException {
    GitRef ref = GitRef.parse(source);
    GitCheckout c = new GitCheckout(ref, dir);
    c.git("init", "-q", dir.toString());
    c.git("-C", dir.toString(), "remote", "add", "origin", ref.remote());
    c.git(
        "-C",
        dir.toString(),
        "fetch",
        "-q",
        "--depth=1",
        "--no-tags",
        "origin",
        ref.ref().isEmpty() ? "HEAD" : ref.ref());
    c.git("-C", dir.toString(), "checkout", "-q", "FETCH_HEAD");
    c.git(
        "-C",
        dir.toString(),
        "-c",
        "protocol.file.allow=never",
        "submodule",
        "update",
        "-q",
        "--init",
        "--recursive",
        "--depth=1");
    Instant commitTime =
        Instant.ofEpochSecond(
            Long.parseLong(c.git("-C", dir.toString(), "log", "-1", "--format=%ct").trim()));
    if (!keepGitDir) {
      AtomicFiles.deleteTree(dir.resolve(".git"));
    }
    Files.setAttribute(dir, "unix:mode", 0755);
    stamp(dir, FileTime.from(commitTime));
    Path sub = ScopedResolver.resolve(dir, ref.subdir(), true);
    if (!Files.isDirectory(sub, LinkOption.NOFOLLOW_LINKS)) {
      throw new StepFailure(
          "ADD " + ref.shown() + ": " + ref.subdir() + " is not a directory of the repository");
    }
    return sub;
  }

  private String git(String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.addAll(List.of(args));
    Path err = Files.createTempFile(dir.getParent(), "git", ".err");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .redirectError(err.toFile());
      pb.environment().put("GIT_TERMINAL_PROMPT", "0");
      pb.environment().put("GIT_ASKPASS", "true");
      Process p = start(pb);
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new StepFailure(
            "ADD "
                + ref.shown()
                + ": git "
                + args[args[0].equals("-C") ? 2 : 0]
                + " failed: "
                + ref.mask(lastLine(Files.readString(err, StandardCharsets.UTF_8))));
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted running git for " + ref.shown());
    } finally {
      Files.deleteIfExists(err);
    }
  }

  /** The git command among the options: {@code -C dir -c k=v fetch …} → {@code fetch}. */
  private static String subcommand(String[] args) {
    int i = 0;
    while (i < args.length - 1 && (args[i].equals("-C") || args[i].equals("-c"))) {
      i += 2;
    }
    return args[i];
  }

  private Process start(ProcessBuilder pb) {
    try {
      return pb.start();
    } catch (IOException e) {
      throw new StepFailure(
          "ADD " + ref.shown() + ": git sources need the git program: install git", e);
    }
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    return lines.length == 0 || lines[lines.length - 1].isBlank()
        ? "(no message)"
        : lines[lines.length - 1].strip();
  }

  private static void stamp(Path root, FileTime time) throws IOException {
    List<Path> all;
    try (Stream<Path> walk = Files.walk(root)) {
      all = walk.toList();
    }
    for (int i = all.size() - 1; i >= 0; i--) {
      Path p = all.get(i);
      Files.getFileAttributeView(
              p, java.nio.file.attribute.BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .setTimes(time, null, null);
    }
  }
}
