package dev.jbuild.cli.build;

/** What every stage of one build shares. */
record StageInputs(
    BuildSettings settings,
    LayerCommitter committer,
    BuildContexts contexts,
    FromSources fromSources,
    RootfsMaterializer rootfs,
    TempDirs tempDirs,
    RunSupplier runs) {

  /** The RUN machinery, set up (namespace checks, sandbox choice) on first use. */
  RunStep runStep() throws java.io.IOException {
    return runs.get();
  }

  RunnerSupport runner() throws java.io.IOException {
    return runs.support();
  }

  /** Creates RUN support lazily: builds without RUN never touch namespaces. */
  interface RunSupplier {
    RunStep get() throws java.io.IOException;

    RunnerSupport support() throws java.io.IOException;
  }
}
