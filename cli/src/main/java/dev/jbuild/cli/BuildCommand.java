package dev.jbuild.cli;

import dev.jbuild.cli.build.BuildOptions;
import dev.jbuild.cli.build.BuildRequest;
import dev.jbuild.cli.build.CacheOptions;
import dev.jbuild.cli.build.copy.PathWatch;
import dev.jbuild.cli.output.OutputSpecException;
import dev.jbuild.cli.output.OutputSpecs;
import dev.jbuild.cli.output.OutputTarget;
import dev.jbuild.cli.progress.Progress;
import dev.jbuild.cli.progress.ProgressFactory;
import dev.jbuild.cli.progress.ProgressMode;
import dev.jbuild.cli.uptodate.BuildRecorder;
import dev.jbuild.cli.uptodate.BuildResult;
import dev.jbuild.cli.uptodate.UpToDate;
import dev.jbuild.layer.Compression;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jbuild build}: docker build / buildx build / buildah bud compatible flags. */
@Command(
    name = "build",
    aliases = {"bud"},
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Build an image from a Dockerfile.",
    footer = {
      "",
      "Outputs (-o): type=oci,dest=FILE[,tar=false]  type=docker,dest=FILE",
      "              type=local,dest=DIR  type=tar,dest=FILE  DIR  -",
      "Transport tags (-t): oci:DIR[:ref]  oci-archive:FILE[:ref]  docker-archive:FILE[:ref]"
    })
final class BuildCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin StoreOptions store = new StoreOptions();

  @Mixin RegistryCliOptions registry = new RegistryCliOptions();

  @Mixin CacheCliOptions cache = new CacheCliOptions();

  @Parameters(
      index = "0",
      arity = "1",
      paramLabel = "CONTEXT",
      description = "Build context directory, or '-' to read a Dockerfile from stdin.")
  String context = ".";

  @Option(
      names = {"-f", "--file"},
      paramLabel = "PATH",
      description = "Dockerfile (default: CONTEXT/Dockerfile; '-' reads stdin).")
  @Nullable String file;

  @Option(
      names = {"-t", "--tag"},
      paramLabel = "NAME",
      description = "Name the image (repeatable); oci:, oci-archive:, docker-archive: write files.")
  List<String> tags = new ArrayList<>();

  @Option(names = "--build-arg", paramLabel = "K=V", description = "Set a build-time variable.")
  List<String> buildArgs = new ArrayList<>();

  @Option(names = "--target", paramLabel = "STAGE", description = "Build this stage.")
  @Nullable String target;

  @Option(names = "--label", paramLabel = "K=V", description = "Set an image label.")
  List<String> labels = new ArrayList<>();

  @Option(names = "--no-cache", description = "Do not use the build cache.")
  boolean noCache;

  @Option(names = "--pull", description = "Always look up the base image again.")
  boolean pull;

  @Option(names = "--push", description = "Push the image to the registry of each -t name.")
  boolean push;

  @Option(names = "--platform", paramLabel = "OS/ARCH", description = "Target platform.")
  @Nullable String platform;

  @Option(
      names = "--build-context",
      paramLabel = "NAME=PATH",
      description = "An extra named context for COPY --from=NAME.")
  List<String> buildContexts = new ArrayList<>();

  @Option(
      names = {"-o", "--output"},
      paramLabel = "SPEC",
      description = "Output destination (see below).")
  List<String> outputs = new ArrayList<>();

  @Option(names = "--iidfile", paramLabel = "FILE", description = "Write the image ID here.")
  @Nullable Path iidFile;

  @Option(
      names = "--metadata-file",
      paramLabel = "FILE",
      description = "Write build result metadata (JSON) here.")
  @Nullable Path metadataFile;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print nothing but the image ID.")
  boolean quiet;

  @Option(
      names = "--progress",
      paramLabel = "MODE",
      description = "auto, tty, plain, quiet or rawjson (default: auto; BUILDKIT_PROGRESS).")
  @Nullable String progress;

  @Option(
      names = "--format",
      paramLabel = "oci|docker",
      description = "Manifest and config format (default: oci).")
  String format = "oci";

  @Mixin CompressionOptions compression = new CompressionOptions();

  @Option(
      names = "--isolation",
      paramLabel = "MODE",
      description = "RUN sandbox: auto, oci (runc/crun), rootless (built-in) or chroot.")
  String isolation = "auto";

  @Option(
      names = "--snapshotter",
      paramLabel = "auto|overlay|copy",
      description =
          "RUN snapshots: overlay mounts, or a copy diffed afterwards (auto: overlay"
              + " when it can be mounted).")
  String snapshotter = "auto";

  @Option(names = "--runtime", paramLabel = "PATH", description = "OCI runtime for isolation oci.")
  @Nullable Path runtime;

  @Option(
      names = "--secret",
      paramLabel = "id=ID,src=FILE",
      description = "A secret RUN --mount=type=secret can mount (never stored in the image).")
  List<String> secrets = new ArrayList<>();

  @Option(
      names = "--ssh",
      paramLabel = "default|ID[=SOCKET]",
      description = "An SSH agent socket RUN --mount=type=ssh can use (default: $SSH_AUTH_SOCK).")
  List<String> ssh = new ArrayList<>();

  @Option(names = NamespaceReexec.STDIN_DOCKERFILE_FLAG, hidden = true)
  @Nullable Path dockerfileTextFile;

  @Option(names = NamespaceReexec.RECORD_TO_FLAG, hidden = true)
  @Nullable Path recordTo;

  private final Map<String, String> env;
  private final @Nullable UpToDate slot;

  BuildCommand() {
    this(System.getenv(), null);
  }

  BuildCommand(Map<String, String> env, @Nullable UpToDate slot) {
    this.env = env;
    this.slot = slot;
  }

  @Override
  public Integer call() throws IOException {
    BuildRequest request = request();
    if (NamespaceReexec.needed(request, env)) {
      return NamespaceReexec.run(
          spec, request, env, slot != null && recordable(request) ? slot : null);
    }
    ProgressMode mode = progressMode();
    BuildRecorder recorder = recorder(request);
    try (Progress display = ProgressFactory.create(mode, spec.commandLine().getErr())) {
      BuildOutcome outcome =
          recorder == null
              ? BuildRunner.run(request, display, PathWatch.NONE)
              : BuildRunner.run(request, recorder.record(display), recorder);
      if (recorder != null && outcome.ranNothing()) {
        saveRecord(recorder, request, outcome);
      }
      if (quiet) {
        spec.commandLine().getOut().println(outcome.imageId());
        spec.commandLine().getOut().flush();
      }
    }
    return ExitCodes.OK;
  }

  /**
   * Collects this build's up-to-date record: for its own command line, or (re-executed in a user
   * namespace) for the parent to file under the command line the user typed.
   */
  private @Nullable BuildRecorder recorder(BuildRequest request) {
    if (recordTo != null) {
      return UpToDate.recorderFor(recordTo);
    }
    return slot != null && recordable(request) ? slot.recorder() : null;
  }

  /**
   * Whether this build can be answered from its record next time: everything it reads is the
   * context, the Dockerfile and the local store, and it writes only to the store (and --iidfile).
   */
  private boolean recordable(BuildRequest r) {
    CacheOptions c = r.options().cache();
    return r.context() != null
        && !"-".equals(file)
        && dockerfileTextFile == null
        && !r.noCache()
        && !r.pull()
        && c.noCacheStages().isEmpty()
        && c.ttl() == null
        && c.from().isEmpty()
        && c.to().isEmpty()
        && r.metadataFile() == null
        && r.outputs().stream().allMatch(o -> o instanceof OutputTarget.StoreTag);
  }

  /** A record that cannot be written only costs the next build its shortcut. */
  private void saveRecord(BuildRecorder recorder, BuildRequest r, BuildOutcome outcome) {
    try {
      recorder.save(
          new BuildResult(
              context,
              file,
              r.dockerfileText(),
              r.ignoreText(),
              outcome.imageId(),
              outcome.manifestDigest(),
              outcome.names(),
              iidFile == null ? null : iidFile.toAbsolutePath().toString(),
              quiet,
              progress));
    } catch (IOException | RuntimeException e) {
      // the image is built and tagged; without a record the next build just does the work
    }
  }

  private ProgressMode progressMode() {
    try {
      return ProgressMode.resolve(
          progress, env.get("BUILDKIT_PROGRESS"), quiet, System.console() != null);
    } catch (IllegalArgumentException e) {
      throw new UsageError(String.valueOf(e.getMessage()));
    }
  }

  BuildRequest request() throws IOException {
    DockerfileSource source = DockerfileSource.resolve(context, file, dockerfileTextFile);
    List<String> names = new ArrayList<>();
    List<OutputTarget> targets = new ArrayList<>();
    try {
      for (String tag : tags) {
        OutputTarget transport = OutputSpecs.parseTransportTag(tag);
        if (transport != null) {
          targets.add(transport);
        } else {
          names.add(tag);
        }
      }
      for (String out : outputs) {
        targets.add(OutputSpecs.parseOutput(out, names));
      }
    } catch (OutputSpecException e) {
      throw new UsageError(String.valueOf(e.getMessage()));
    }
    names.forEach(n -> targets.add(new OutputTarget.StoreTag(n)));
    if (push) {
      if (names.isEmpty()) {
        throw new UsageError("--push needs at least one -t NAME to push to");
      }
      targets.add(new OutputTarget.Registry(List.copyOf(names)));
    }
    return new BuildRequest(
        source.contextDir(),
        source.displayName(),
        source.text(),
        source.ignoreText(),
        KeyValues.withEnvFallback(buildArgs, env, "--build-arg"),
        target,
        targetPlatform(),
        KeyValues.strict(labels, "--label"),
        noCache || !cache.layers,
        pull,
        namedContexts(),
        targets,
        iidFile,
        metadataFile,
        store.storeRoot(env),
        env,
        options());
  }

  /** {@code --platform}, with docker's shorthand {@code arm64} for {@code linux/arm64}. */
  private String targetPlatform() {
    if (platform == null) {
      return PlatformNames.hostPlatform();
    }
    return platform.contains("/") ? platform : "linux/" + platform;
  }

  private BuildOptions options() {
    boolean docker;
    switch (format.toLowerCase(java.util.Locale.ROOT)) {
      case "oci" -> docker = false;
      case "docker" -> docker = true;
      default -> throw new UsageError("--format \"" + format + "\": use oci or docker");
    }
    Compression comp = compression.compression();
    if (!List.of("auto", "oci", "rootless", "chroot").contains(isolation)) {
      throw new UsageError("--isolation \"" + isolation + "\": use auto, oci, rootless or chroot");
    }
    return new BuildOptions(
        docker,
        comp,
        isolation,
        runtime,
        SecretSpecs.parse(secrets),
        SecretSpecs.parseSsh(ssh, env),
        registry.toRegistryOptions(),
        snapshotter(),
        cache.toCacheOptions());
  }

  private String snapshotter() {
    if (!List.of("auto", "overlay", "copy").contains(snapshotter)) {
      throw new UsageError("--snapshotter \"" + snapshotter + "\": use auto, overlay or copy");
    }
    return snapshotter;
  }

  private Map<String, Path> namedContexts() {
    Map<String, Path> out = new LinkedHashMap<>();
    KeyValues.strict(buildContexts, "--build-context")
        .forEach((k, v) -> out.put(k, Path.of(v).toAbsolutePath()));
    return out;
  }
}
