package dev.jbuild.cli.build;

import dev.jbuild.cli.build.cache.CacheEntry;
import dev.jbuild.cli.progress.Progress;
import dev.jbuild.cli.progress.Task;
import dev.jbuild.dockerfile.BuildPlan;
import dev.jbuild.dockerfile.DockerfileException;
import dev.jbuild.dockerfile.Instruction;
import dev.jbuild.dockerfile.Stage;
import dev.jbuild.dockerfile.StageBase;
import dev.jbuild.dockerfile.StageScope;
import dev.jbuild.image.ImageConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Walks a build plan: each needed stage, in dependency order, from its base through its steps,
 * reporting every step on the progress display. Returns the target stage's state.
 */
public final class BuildEngine {
  private final StageInputs inputs;
  private final ImageSources images;
  private final Progress progress;
  private final String dockerfileName;
  private final Map<String, StageState> built;
  private final Map<Integer, LazyFsIndex> fsByStage = new ConcurrentHashMap<>();
  private final LayerIndexer indexer;
  private final StepKeys keys;
  private final StepCache cache;
  private final StageViews views;
  private final java.util.concurrent.atomic.AtomicBoolean ran =
      new java.util.concurrent.atomic.AtomicBoolean();

  BuildEngine(
      StageInputs inputs,
      ImageSources images,
      LayerIndexer indexer,
      Progress progress,
      String dockerfileName,
      Map<String, StageState> built,
      StepKeys keys,
      StepCache cache,
      StageViews views) {
    this.views = views;
    this.built = built;
    this.keys = keys;
    this.cache = cache;
    this.inputs = inputs;
    this.images = images;
    this.indexer = indexer;
    this.progress = progress;
    this.dockerfileName = dockerfileName;
  }

  /** Builds every stage of {@code plan}; the result is the target (last) stage. */
  public StageState build(BuildPlan plan) throws IOException, DockerfileException {
    StageState last = null;
    boolean multiStage = plan.stages().size() > 1;
    for (Stage stage : plan.stages()) {
      last = buildStage(plan, stage, multiStage);
    }
    if (last == null) {
      throw new StepFailure("the Dockerfile has no stage to build");
    }
    return last;
  }

  private StageState buildStage(BuildPlan plan, Stage stage, boolean multiStage)
      throws IOException, DockerfileException {
    StepLabels labels = new StepLabels(stage, multiStage);
    StageState base;
    LazyFsIndex fs;
    StageBase from = stage.base();
    if (from instanceof StageBase.Scratch) {
      base = new StageState(ImageConfig.scratch(inputs.settings().platform()), List.of(), false);
      fs = LazyFsIndex.ready(indexer, new FsIndex());
    } else if (from instanceof StageBase.StageRef ref) {
      base = resetStageOnly(stageState(ref.index()));
      fs = java.util.Objects.requireNonNull(fsByStage.get(ref.index()), "stage index");
    } else {
      StageBase.ImageRef ref = (StageBase.ImageRef) from;
      Task t = progress.start(labels.from() + " FROM " + ImageSources.normalize(ref.reference()));
      try {
        base = images.open(ref.reference());
        fs = LazyFsIndex.of(indexer, base);
      } catch (RuntimeException | IOException e) {
        t.failed(oneLine(e));
        throw fail(stage.from().location(), "FROM " + ref.reference(), e);
      }
      t.done();
    }
    StageScope scope = StageScope.start(plan, stage, envOf(base));
    StageRunner runner = new StageRunner(inputs, base, fs);
    String key = keys.base(base);
    List<Instruction> steps = new ArrayList<>(stage.steps());
    for (int i = 0; i < steps.size(); i++) {
      Instruction step = steps.get(i);
      Task t = progress.start(labels.step(i) + " " + step.original());
      try {
        key = runStep(stage, runner, scope, step, key, t);
      } catch (DockerfileException e) {
        t.failed(e.detail());
        throw e;
      } catch (RuntimeException | IOException e) {
        t.failed(oneLine(e));
        throw fail(step.location(), step.original(), e);
      }
    }
    StageState result = runner.state();
    built.put(Integer.toString(stage.index()), result);
    if (stage.name() != null) {
      built.put(stage.name(), result);
    }
    fsByStage.put(stage.index(), runner.fs());
    List<String> names = new ArrayList<>(List.of(Integer.toString(stage.index())));
    if (stage.name() != null) {
      names.add(stage.name());
    }
    views.add(names, runner.lowers());
    return result;
  }

  /**
   * One step: answered from the cache when its key is there, else run and recorded. Returns the
   * step's key, the parent key of the next step.
   */
  private String runStep(
      Stage stage, StageRunner runner, StageScope scope, Instruction step, String parent, Task t)
      throws IOException, DockerfileException {
    Instruction expanded = scope.apply(step);
    if (StepKeys.remote(expanded)) {
      ran.set(true);
      runner.run(expanded, scope.runEnvironment(), t);
      t.done();
      return keys.afterRemote(parent, expanded, runner.state());
    }
    String key = keys.step(parent, step, expanded, scope);
    Optional<CacheEntry> hit = cache.find(stage, key, runner.state());
    if (hit.isPresent()) {
      runner.restore(hit.get());
      t.cached();
      return key;
    }
    ran.set(true);
    runner.run(expanded, scope.runEnvironment(), t);
    StageState s = runner.state();
    cache.record(
        stage, new CacheEntry(key, java.time.Instant.now(), s.config(), s.layers(), s.cmdSet()));
    t.done();
    return key;
  }

  /** Whether any step ran (was not answered from the cache). */
  public boolean ranSteps() {
    return ran.get();
  }

  /** The cache entries this build used or made, for {@code --cache-to}. */
  public List<CacheEntry> cacheEntries(boolean max) {
    return cache.forExport(max);
  }

  /** Stages built so far, by name and by index, for COPY --from. */
  Map<String, StageState> builtStages() {
    return built;
  }

  private StageState stageState(int index) {
    StageState s = built.get(Integer.toString(index));
    if (s == null) {
      throw new IllegalStateException("stage " + index + " used before it was built");
    }
    return s;
  }

  /** A stage used as a base keeps its config and layers; CMD-set tracking restarts. */
  private static StageState resetStageOnly(StageState s) {
    return new StageState(s.config(), s.layers(), false);
  }

  private static List<String> envOf(StageState s) {
    List<String> env = s.container().env();
    return env == null ? List.of() : env;
  }

  private BuildFailedException fail(
      dev.jbuild.dockerfile.SourceRange where, String what, Throwable cause) {
    return new BuildFailedException(
        dockerfileName + ":" + where.startLine() + ": " + what + ": " + oneLine(cause), cause);
  }

  static String oneLine(Throwable e) {
    String msg = e.getMessage();
    if (e instanceof java.nio.file.NoSuchFileException nsf) {
      msg = nsf.getFile() + ": no such file or directory";
    } else if (e instanceof java.nio.file.AccessDeniedException ade) {
      msg = ade.getFile() + ": permission denied";
    }
    return msg == null ? e.getClass().getSimpleName() : msg;
  }
}
