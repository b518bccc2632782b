package dev.jbuild.cli.build;

import dev.jbuild.cli.build.copy.ScopedResolver;
import dev.jbuild.cli.build.copy.SourceTree;
import dev.jbuild.dockerfile.Instruction;
import dev.jbuild.dockerfile.Mount;
import dev.jbuild.rootless.SandboxMount;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Turns {@code RUN --mount} specs into sandbox mounts: bind (from the context, a stage or a named
 * context; read-only unless rw, and then writes are discarded), cache (a directory in the store
 * that outlives builds), tmpfs, and secret (a file given with {@code --secret}).
 */
final class RunMounts {
  private final StageInputs inputs;
  private final Path cacheRoot;
  private final Map<String, Path> secrets;
  private final Map<String, Path> sshSockets;

  RunMounts(StageInputs inputs, Path cacheRoot, Map<String, Path> secrets, Map<String, Path> ssh) {
    this.inputs = inputs;
    this.cacheRoot = cacheRoot;
    this.secrets = secrets;
    this.sshSockets = ssh;
  }

  /**
   * The mounts of one RUN, the variables they add to its environment (ssh, secret env=), and the
   * cache locks to release when the step ends.
   */
  record StepMounts(List<SandboxMount> mounts, List<String> env, List<FileLock> locks)
      implements AutoCloseable {
    @Override
    public void close() throws IOException {
      for (FileLock l : locks) {
        l.channel().close();
      }
    }
  }

  StepMounts forStep(Instruction.Run run, StageState state) throws IOException {
    List<SandboxMount> out = new ArrayList<>();
    List<String> env = new ArrayList<>();
    List<FileLock> locks = new ArrayList<>();
    int sshIndex = 0;
    for (Mount m : run.mounts()) {
      switch (m.type()) {
        case BIND -> out.add(bind(m, target(m, state)));
        case CACHE -> out.add(cache(m, target(m, state), locks));
        case TMPFS -> out.add(new SandboxMount.Tmpfs(target(m, state), m.sizeBytes()));
        case SECRET -> secret(m, target(m, state), out, env);
        case SSH -> ssh(m, state, sshIndex++, out, env);
      }
    }
    return new StepMounts(out, env, locks);
  }

  private static String target(Mount m, StageState state) {
    return absolute(Objects.requireNonNullElse(m.target(), ""), state);
  }

  /**
   * Forwards the agent socket given with {@code --ssh ID[=SOCKET]} and points SSH_AUTH_SOCK at it.
   */
  private void ssh(Mount m, StageState state, int index, List<SandboxMount> out, List<String> env) {
    String id = m.id() != null && !m.id().isEmpty() ? m.id() : "default";
    Path socket = sshSockets.get(id);
    if (socket == null) {
      if (m.required()) {
        throw new StepFailure(
            "ssh agent \"" + id + "\" is required but was not given; pass --ssh " + id);
      }
      return;
    }
    String target = m.target() != null ? target(m, state) : "/run/buildkit/ssh_agent." + index;
    out.add(new SandboxMount.Bind(socket, target, false));
    env.add("SSH_AUTH_SOCK=" + target);
  }

  private SandboxMount bind(Mount m, String target) throws IOException {
    SourceTree tree =
        m.from() == null ? inputs.contexts().mainOrFail() : inputs.fromSources().tree(m.from());
    String source = SourceTree.clean(Objects.requireNonNullElse(m.source(), ""));
    Path real = ScopedResolver.resolve(tree.root(), source, true);
    if (!Files.exists(real) || tree.isExcluded(real)) {
      throw new StepFailure(
          "RUN --mount=type=bind: \"/" + source + "\": not found in " + tree.description());
    }
    if (m.readOnly()) {
      return new SandboxMount.Bind(real, target, true);
    }
    Path copy = inputs.tempDirs().get().resolve("bind");
    CopyTree.copy(real, copy);
    return new SandboxMount.Bind(copy, target, false);
  }

  /**
   * A cache directory kept in the store by id. {@code sharing=locked} waits for other builds to
   * finish with it; {@code private} takes a fresh directory when another build holds it; {@code
   * shared} (default) lets them all in. A new cache is seeded from {@code from}/{@code source}.
   */
  private SandboxMount cache(Mount m, String target, List<FileLock> locks) throws IOException {
    String id = m.id() != null && !m.id().isEmpty() ? m.id() : target;
    Path dir = cacheRoot.resolve(sanitize(id));
    String sharing = m.sharing() == null ? "shared" : m.sharing();
    if (!sharing.equals("shared")) {
      Files.createDirectories(cacheRoot);
      FileChannel ch =
          FileChannel.open(
              cacheRoot.resolve(sanitize(id) + ".lock"),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE);
      FileLock lock = sharing.equals("locked") ? ch.lock() : ch.tryLock();
      if (lock == null) {
        ch.close();
        dir = inputs.tempDirs().get().resolve("private-cache"); // in use elsewhere: a fresh one
      } else {
        locks.add(lock);
      }
    }
    if (!Files.isDirectory(dir)) {
      Path seed = seed(m);
      if (seed != null) {
        CopyTree.copy(seed, dir);
      }
      Files.createDirectories(dir);
      if (m.mode() != null) {
        Files.setAttribute(dir, "unix:mode", m.mode());
      }
      if (m.uid() != null || m.gid() != null) {
        chown(dir, m);
      }
    }
    return new SandboxMount.Bind(dir, target, m.readOnly());
  }

  /** The {@code from}/{@code source} directory a new cache starts from, or null (empty). */
  private @Nullable Path seed(Mount m) throws IOException {
    if (m.from() == null) {
      return null;
    }
    SourceTree tree = inputs.fromSources().tree(m.from());
    String source = SourceTree.clean(Objects.requireNonNullElse(m.source(), ""));
    Path real = ScopedResolver.resolve(tree.root(), source, true);
    if (!Files.isDirectory(real)) {
      throw new StepFailure(
          "RUN --mount=type=cache: \"/" + source + "\": not a directory in " + tree.description());
    }
    return real;
  }

  private void secret(Mount m, String target, List<SandboxMount> out, List<String> env)
      throws IOException {
    String id = m.id() != null ? m.id() : "";
    Path file = secrets.get(id);
    if (file == null) {
      if (m.required()) {
        throw new StepFailure(
            "secret \""
                + id
                + "\" is required but was not given; pass --secret id="
                + id
                + ",src=FILE");
      }
      return;
    }
    out.add(new SandboxMount.Bind(file, target, true));
    if (m.env() != null) {
      // Only this step's process sees the value: never the config, history or logs.
      env.add(m.env() + "=" + Files.readString(file, java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  private static void chown(Path dir, Mount m) {
    try {
      if (m.uid() != null) {
        Files.setAttribute(dir, "unix:uid", m.uid());
      }
      if (m.gid() != null) {
        Files.setAttribute(dir, "unix:gid", m.gid());
      }
    } catch (IOException | UnsupportedOperationException e) {
      throw new StepFailure(
          "cannot set the owner of cache mount " + dir + ": " + e.getMessage(), e);
    }
  }

  private static String absolute(String target, StageState state) {
    if (target.startsWith("/")) {
      return ConfigEdits.cleanAbsolute(target);
    }
    String wd = state.container().workingDir();
    return ConfigEdits.workdir(wd, target);
  }

  /** Cache ids may contain '/' (they default to the target path): keep them one file name. */
  static String sanitize(String id) {
    StringBuilder b = new StringBuilder();
    for (char c : id.toCharArray()) {
      b.append(Character.isLetterOrDigit(c) || c == '-' || c == '.' ? c : '_');
    }
    return b.toString() + "-" + Integer.toHexString(id.hashCode());
  }
}
