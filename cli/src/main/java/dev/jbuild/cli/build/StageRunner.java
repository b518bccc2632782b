package dev.jbuild.cli.build;

import dev.jbuild.cli.build.add.AddPlanner;
import dev.jbuild.cli.build.copy.CopyOptions;
import dev.jbuild.cli.build.copy.CopyPlanner;
import dev.jbuild.cli.build.copy.FileEntry;
import dev.jbuild.cli.build.copy.SourceTree;
import dev.jbuild.cli.progress.Task;
import dev.jbuild.dockerfile.Instruction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntUnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Carries out the steps of one stage on top of its base: metadata steps edit the config, WORKDIR
 * and COPY write layers. The {@link FsIndex} follows every layer so later steps see earlier ones.
 */
final class StageRunner {
  private final StageInputs inputs;
  private StageState state;
  private final LazyFsIndex fs;
  private final LowerDirs lowers;

  StageRunner(StageInputs inputs, StageState base, LazyFsIndex baseFs) {
    this.inputs = inputs;
    this.state = base;
    this.fs = baseFs.copy();
    this.lowers = new LowerDirs(inputs, base);
  }

  StageState state() {
    return state;
  }

  LazyFsIndex fs() {
    return fs;
  }

  /** The stage's overlay lower dirs, for a view of it once it is finished. */
  LowerDirs lowers() {
    return lowers;
  }

  /**
   * Takes the state a cache hit recorded: it extends the current one (same layers first), so only
   * its new layers are added to the file index and the overlay lower dirs.
   */
  void restore(dev.jbuild.cli.build.cache.CacheEntry hit) {
    List<dev.jbuild.image.Descriptor> layers = hit.layers();
    List<dev.jbuild.image.Digest> diffIds = hit.config().rootfs().diffIds();
    for (int i = state.layers().size(); i < layers.size(); i++) {
      fs.applyLayerLater(layers.get(i));
      lowers.addStored(layers.get(i), diffIds.get(i));
    }
    state = new StageState(hit.config(), layers, hit.cmdSet());
  }

  /**
   * Runs one expanded instruction; {@code runEnv} is what a RUN sees (ENV plus ARGs in scope) and
   * {@code task} receives its output.
   */
  void run(Instruction step, List<String> runEnv, Task task) throws IOException {
    StageState meta = MetadataSteps.apply(step, state, inputs.settings().now());
    if (meta != null) {
      state = meta;
      return;
    }
    if (step instanceof Instruction.Workdir w) {
      workdir(w);
    } else if (step instanceof Instruction.Copy c) {
      copy(c);
    } else if (step instanceof Instruction.Run r) {
      run(r, runEnv, task);
    } else if (step instanceof Instruction.Add a) {
      add(a);
    } else {
      throw new StepFailure(step.keyword() + " is not available in this build of jbuild yet");
    }
  }

  private void workdir(Instruction.Workdir w) throws IOException {
    String dir = ConfigEdits.workdir(state.container().workingDir(), w.path());
    state = state.withContainer(state.container().withWorkingDir(dir));
    FsIndex index = fs.get();
    String rel = index.resolve(dir.substring(1));
    if (rel.isEmpty() || index.lookup(rel).isPresent()) {
      state = state.withEmptyLayerHistory("WORKDIR " + dir, inputs.settings().now());
      return;
    }
    Ownership owner = owner(state.container().user());
    List<FileEntry> entries = new ArrayList<>();
    String path = "";
    for (String seg : rel.split("/")) {
      path = path.isEmpty() ? seg : path + "/" + seg;
      Optional<dev.jbuild.cli.build.copy.ExistingFile> existing = index.lookup(path);
      if (existing.isPresent()) {
        continue;
      }
      entries.add(FileEntry.newDirectory(path, owner.uid(), owner.gid(), inputs.settings().now()));
    }
    commit(entries, "WORKDIR " + dir);
  }

  private void copy(Instruction.Copy c) throws IOException {
    Ownership owner = c.chown() == null ? Ownership.ROOT : owner(c.chown());
    IntUnaryOperator chmod = c.chmod() == null ? null : chmod(c.chmod());
    CopyOptions opts = new CopyOptions(owner.uid(), owner.gid(), chmod, inputs.settings().now());
    String dest = destination(c.dest());
    CopyPlanner planner = new CopyPlanner(fs.get(), opts);
    if (!c.sources().isEmpty()) {
      planner.add(sourceTree(c.from()), c.sources(), dest);
    }
    if (!c.inlineFiles().isEmpty()) {
      planner.add(inlineTree(c.inlineFiles()), names(c.inlineFiles()), dest);
    }
    StringBuilder by = new StringBuilder("COPY ");
    if (c.from() != null) {
      by.append("--from=").append(c.from()).append(' ');
    }
    if (c.chown() != null) {
      by.append("--chown=").append(c.chown()).append(' ');
    }
    if (c.chmod() != null) {
      by.append("--chmod=").append(c.chmod()).append(' ');
    }
    by.append(String.join(" ", c.sources())).append(' ').append(c.dest()).append(" # buildkit");
    commit(planner.entries(), by.toString());
  }

  private void add(Instruction.Add a) throws IOException {
    Ownership owner = owner(a.chown());
    IntUnaryOperator chmod = a.chmod() == null ? null : chmod(a.chmod());
    CopyOptions opts = new CopyOptions(owner.uid(), owner.gid(), chmod, inputs.settings().now());
    AddPlanner planner = new AddPlanner(fs.get(), opts, inputs.tempDirs()::get);
    SourceTree inline = a.inlineFiles().isEmpty() ? null : inlineTree(a.inlineFiles());
    String dest = destination(a.dest());
    commit(planner.plan(a, dest, () -> sourceTree(null), inline), AddPlanner.createdBy(a));
  }

  private void run(Instruction.Run r, List<String> runEnv, Task task) throws IOException {
    RunStep step = inputs.runStep();
    boolean overlay = inputs.runner().useOverlay();
    RunStep.Outcome out =
        overlay
            ? step.runOnOverlay(r, state, lowers.realize(), runEnv, task)
            : step.runOnCopy(r, state, runEnv, task);
    Path lower = out.lower();
    LayerResult layer =
        lower == null
            ? inputs.committer().commitUpper(out.upper())
            : inputs.committer().commitDiff(lower, out.upper());
    fs.applyLayer(layer.descriptor());
    if (lower == null) {
      lowers.addReady(out.upper());
    }
    state = state.withLayer(layer, RunCommandLine.history(out.argv()), inputs.settings().now());
  }

  private void commit(List<FileEntry> entries, String createdBy) throws IOException {
    LayerResult layer = inputs.committer().commit(entries);
    FsIndex index = fs.get();
    entries.forEach(index::put);
    lowers.addEntries(entries, layer.diffId());
    state = state.withLayer(layer, createdBy, inputs.settings().now());
  }

  /** COPY's destination made absolute against WORKDIR, keeping a trailing '/'. */
  private String destination(String dest) {
    if (dest.startsWith("/")) {
      return dest;
    }
    String wd = state.container().workingDir();
    String base = wd == null || wd.isEmpty() ? "/" : wd;
    return (base.endsWith("/") ? base : base + "/") + dest;
  }

  private SourceTree sourceTree(@Nullable String from) throws IOException {
    if (from == null) {
      return inputs.contexts().mainOrFail();
    }
    return inputs.fromSources().tree(from);
  }

  private SourceTree inlineTree(List<dev.jbuild.dockerfile.InlineFile> files) throws IOException {
    Path dir = inputs.tempDirs().get();
    for (dev.jbuild.dockerfile.InlineFile f : files) {
      Path p = dir.resolve(f.name());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.content(), StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(
          p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }
    return SourceTree.of(dir, "heredoc");
  }

  private static List<String> names(List<dev.jbuild.dockerfile.InlineFile> files) {
    return files.stream().map(dev.jbuild.dockerfile.InlineFile::name).toList();
  }

  private Ownership owner(@Nullable String spec) throws IOException {
    if (spec == null || spec.isEmpty()) {
      return Ownership.ROOT;
    }
    try {
      if (spec.matches("[0-9]+(:[0-9]+)?")) {
        return Ownership.resolve(spec, p -> Optional.empty());
      }
      Path root = inputs.rootfs().materialize(state);
      return Ownership.resolve(spec, p -> readSmallFile(root.resolve(p)));
    } catch (IllegalArgumentException e) {
      throw new StepFailure(String.valueOf(e.getMessage()), e);
    }
  }

  private static IntUnaryOperator chmod(String spec) {
    try {
      return ChmodSpec.parse(spec);
    } catch (IllegalArgumentException e) {
      throw new StepFailure(String.valueOf(e.getMessage()), e);
    }
  }

  private static Optional<String> readSmallFile(Path p) {
    try {
      return Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
          ? Optional.of(Files.readString(p, StandardCharsets.UTF_8))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
