package dev.jbuild.cli.build;

import dev.jbuild.cli.build.copy.ScopedResolver;
import dev.jbuild.cli.progress.Task;
import dev.jbuild.dockerfile.Heredoc;
import dev.jbuild.dockerfile.Instruction;
import dev.jbuild.rootless.Network;
import dev.jbuild.rootless.OverlayMount;
import dev.jbuild.rootless.SandboxMount;
import dev.jbuild.rootless.SandboxResult;
import dev.jbuild.rootless.SandboxSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * RUN: mounts an overlay of the stage's layers with a fresh upper dir, runs the command in the
 * sandbox with exactly the image's environment, and hands back the upper dir as the change set.
 */
final class RunStep {
  static final String DEFAULT_PATH =
      "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private final StageInputs inputs;
  private final RunMounts mounts;

  RunStep(StageInputs inputs, RunMounts mounts) {
    this.inputs = inputs;
    this.mounts = mounts;
  }

  /**
   * What the step left behind and the argv it ran: on overlay, the upper dir is the change set
   * ({@code lower} null); on a copy, the change set is the diff of {@code lower} and {@code upper}.
   */
  record Outcome(Path upper, @Nullable Path lower, List<String> argv) {}

  /** Runs the step on an overlay of {@code lowers} with a fresh upper dir. */
  Outcome runOnOverlay(
      Instruction.Run run, StageState state, List<Path> lowers, List<String> runEnv, Task task)
      throws IOException {
    RunnerSupport rt = inputs.runner();
    Path dir = inputs.tempDirs().get();
    Path upper = Files.createDirectories(dir.resolve("upper"));
    Path work = Files.createDirectories(dir.resolve("work"));
    Path merged = Files.createDirectories(dir.resolve("merged"));
    List<String> argv = RunCommandLine.argv(run.command(), state.container());
    try (OverlayMount mount = rt.overlay().mount(lowers, upper, work, merged)) {
      execute(run, state, merged, argv, runEnv, task, dir);
    }
    return new Outcome(upper, null, argv);
  }

  /** Where overlay cannot be mounted: runs on a copy of the rootfs, to be diffed afterwards. */
  Outcome runOnCopy(Instruction.Run run, StageState state, List<String> runEnv, Task task)
      throws IOException {
    Path lower = inputs.rootfs().materialize(state);
    Path dir = inputs.tempDirs().get();
    Path rootfs = dir.resolve("rootfs");
    CopyTree.copy(lower, rootfs);
    List<String> argv = RunCommandLine.argv(run.command(), state.container());
    execute(run, state, rootfs, argv, runEnv, task, dir);
    return new Outcome(rootfs, lower, argv);
  }

  private void execute(
      Instruction.Run run,
      StageState state,
      Path rootfs,
      List<String> argv,
      List<String> runEnv,
      Task task,
      Path dir)
      throws IOException {
    String cwd = workdir(state);
    Files.createDirectories(ScopedResolver.resolve(rootfs, cwd.substring(1), true));
    Ownership user = user(state, rootfs);
    SandboxResult result;
    try (RunMounts.StepMounts stepMounts = mounts.forStep(run, state)) {
      List<String> env = environment(runEnv, user, rootfs);
      env.addAll(stepMounts.env());
      SandboxSpec.Builder spec =
          SandboxSpec.builder(rootfs, argv)
              .env(env)
              .cwd(cwd)
              .user(user.uid(), user.gid(), supplementaryGroups(state, rootfs))
              .network("none".equals(run.network()) ? Network.NONE : Network.HOST);
      stepMounts.mounts().forEach(spec::mount);
      scriptMount(run, dir).ifPresent(spec::mount);
      try (TaskOutputStream out = new TaskOutputStream(task)) {
        result = inputs.runner().sandbox().run(spec.output(out, out).build());
      }
    }
    if (result.exitCode() != 0) {
      throw new StepFailure(
          "process \""
              + String.join(" ", argv)
              + "\" did not complete successfully: exit code: "
              + result.exitCode());
    }
  }

  private static String workdir(StageState state) {
    String wd = state.container().workingDir();
    return wd == null || wd.isEmpty() ? "/" : wd;
  }

  private static Ownership user(StageState state, Path rootfs) {
    String spec = state.container().user();
    if (spec == null || spec.isEmpty()) {
      return Ownership.ROOT;
    }
    try {
      return Ownership.resolve(spec, p -> read(rootfs, p));
    } catch (IllegalArgumentException e) {
      throw new StepFailure(String.valueOf(e.getMessage()), e);
    }
  }

  private static List<Long> supplementaryGroups(StageState state, Path rootfs) {
    String spec = state.container().user();
    String user = spec == null || spec.isEmpty() ? "root" : spec;
    return Ownership.supplementaryGroups(user, p -> read(rootfs, p));
  }

  /** ENV + ARGs in scope, PATH when unset, HOME from passwd as docker sets it. */
  private static List<String> environment(List<String> runEnv, Ownership user, Path rootfs) {
    List<String> env = new ArrayList<>(runEnv);
    if (ConfigEdits.lookup(env, "PATH") == null) {
      env.add(DEFAULT_PATH);
    }
    if (ConfigEdits.lookup(env, "HOME") == null) {
      env.add("HOME=" + home(user.uid(), rootfs));
    }
    return env;
  }

  private static String home(int uid, Path rootfs) {
    Optional<String> passwd = read(rootfs, "etc/passwd");
    if (passwd.isPresent()) {
      for (String line : passwd.get().split("\n")) {
        String[] f = line.split(":", -1);
        if (f.length >= 6 && f[2].equals(Integer.toString(uid)) && !f[5].isEmpty()) {
          return f[5];
        }
      }
    }
    return uid == 0 ? "/root" : "/";
  }

  private static Optional<String> read(Path rootfs, String rel) {
    try {
      Path p = ScopedResolver.resolve(rootfs, rel, true);
      return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
          ? Optional.of(Files.readString(p, StandardCharsets.UTF_8))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** A {@code #!} heredoc body becomes an executable file mounted at /dev/pipes/NAME. */
  private static Optional<SandboxMount> scriptMount(Instruction.Run run, Path dir)
      throws IOException {
    if (!RunCommandLine.isWholeHeredoc(run.command())) {
      return Optional.empty();
    }
    Heredoc h = run.command().heredocs().get(0);
    if (!h.isScript()) {
      return Optional.empty();
    }
    Path script = dir.resolve("script-" + h.name());
    Files.writeString(script, h.effectiveContent(), StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(
        script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    return Optional.of(new SandboxMount.Bind(script, RunCommandLine.SCRIPT_DIR + h.name(), true));
  }
}
