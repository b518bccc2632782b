package dev.jbuild.cli.build;

import dev.jbuild.cli.build.copy.ScopedResolver;
import dev.jbuild.cli.build.copy.SourceTree;
import dev.jbuild.dockerfile.Instruction;
import dev.jbuild.dockerfile.Mount;
import dev.jbuild.rootless.SandboxMount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns {@code RUN --mount} specs into sandbox mounts: bind (from the context, a stage or a named
 * context; read-only unless rw, and then writes are discarded), cache (a directory in the store
 * that outlives builds), tmpfs, and secret (a file given with {@code --secret}).
 */
final class RunMounts {
  private final StageInputs inputs;
  private final Path cacheRoot;
  private final Map<String, Path> secrets;

  RunMounts(StageInputs inputs, Path cacheRoot, Map<String, Path> secrets) {
    this.inputs = inputs;
    this.cacheRoot = cacheRoot;
    this.secrets = secrets;
  }

  List<SandboxMount> forStep(Instruction.Run run, StageState state) throws IOException {
    List<SandboxMount> out = new ArrayList<>();
    for (Mount m : run.mounts()) {
      String target = absolute(Objects.requireNonNullElse(m.target(), ""), state);
      switch (m.type()) {
        case BIND -> out.add(bind(m, target));
        case CACHE -> out.add(cache(m, target));
        case TMPFS -> out.add(new SandboxMount.Tmpfs(target, m.sizeBytes()));
        case SECRET -> secret(m, target, out);
        case SSH ->
            throw new StepFailure(
                "RUN --mount=type=ssh needs an SSH agent forwarded with --ssh, which jbuild"
                    + " does not offer yet; remove the mount or fetch the sources in the context");
      }
    }
    return out;
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

  private SandboxMount cache(Mount m, String target) throws IOException {
    String id = m.id() != null && !m.id().isEmpty() ? m.id() : target;
    Path dir = cacheRoot.resolve(sanitize(id));
    if (!Files.isDirectory(dir)) {
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

  private void secret(Mount m, String target, List<SandboxMount> out) {
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
    if (m.env() != null && m.target() == null) {
      throw new StepFailure(
          "secret \"" + id + "\" as an environment variable is not supported; mount it as a file");
    }
    out.add(new SandboxMount.Bind(file, target, true));
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
