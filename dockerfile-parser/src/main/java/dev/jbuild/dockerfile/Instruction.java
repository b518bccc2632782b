package dev.jbuild.dockerfile;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One Dockerfile instruction, validated, words not yet expanded. Every record carries its line
 * range and its original text ({@code original}: the logical line, continuations joined, e.g.
 * {@code COPY src/ /app/}) for progress output and history.
 */
public sealed interface Instruction {
  SourceRange location();

  String original();

  /** The upper-case keyword, e.g. {@code COPY}. */
  default String keyword() {
    return getClass().getSimpleName().toUpperCase(Locale.ROOT);
  }

  /** {@code FROM [--platform=p] image [AS name]}; the stage name is lower-cased. */
  record From(
      String image,
      @Nullable String stageName,
      @Nullable String platform,
      SourceRange location,
      String original)
      implements Instruction {}

  /**
   * {@code RUN}; {@code mountSpecs} are the raw {@code --mount} values. At parse time {@code
   * mounts} holds the specs without variables; {@link StageScope#apply} returns every mount,
   * re-parsed from the expanded values. {@code network} is default|none|host, {@code security}
   * sandbox|insecure, both null when not given.
   */
  record Run(
      Command command,
      List<Mount> mounts,
      List<String> mountSpecs,
      @Nullable String network,
      @Nullable String security,
      SourceRange location,
      String original)
      implements Instruction {
    public Run {
      mounts = List.copyOf(mounts);
      mountSpecs = List.copyOf(mountSpecs);
    }
  }

  record Cmd(Command command, SourceRange location, String original) implements Instruction {}

  record Entrypoint(Command command, SourceRange location, String original)
      implements Instruction {}

  record Shell(List<String> shell, SourceRange location, String original) implements Instruction {
    public Shell {
      shell = List.copyOf(shell);
    }
  }

  /** {@code COPY}; {@code from} is a stage name, stage index or image reference. */
  record Copy(
      List<String> sources,
      List<InlineFile> inlineFiles,
      String dest,
      @Nullable String from,
      @Nullable String chown,
      @Nullable String chmod,
      boolean link,
      boolean parents,
      List<String> excludes,
      SourceRange location,
      String original)
      implements Instruction {
    public Copy {
      sources = List.copyOf(sources);
      inlineFiles = List.copyOf(inlineFiles);
      excludes = List.copyOf(excludes);
    }
  }

  /** {@code ADD}; {@code unpack} is null when not given (archives from the context unpack). */
  record Add(
      List<String> sources,
      List<InlineFile> inlineFiles,
      String dest,
      @Nullable String chown,
      @Nullable String chmod,
      boolean link,
      boolean keepGitDir,
      @Nullable String checksum,
      @Nullable Boolean unpack,
      List<String> excludes,
      SourceRange location,
      String original)
      implements Instruction {
    public Add {
      sources = List.copyOf(sources);
      inlineFiles = List.copyOf(inlineFiles);
      excludes = List.copyOf(excludes);
    }
  }

  record Env(List<KeyValue> pairs, SourceRange location, String original) implements Instruction {
    public Env {
      pairs = List.copyOf(pairs);
    }
  }

  record Arg(List<ArgDecl> args, SourceRange location, String original) implements Instruction {
    public Arg {
      args = List.copyOf(args);
    }
  }

  record Label(List<KeyValue> pairs, SourceRange location, String original) implements Instruction {
    public Label {
      pairs = List.copyOf(pairs);
    }
  }

  record Expose(List<String> ports, SourceRange location, String original) implements Instruction {
    public Expose {
      ports = List.copyOf(ports);
    }
  }

  record Volume(List<String> paths, SourceRange location, String original) implements Instruction {
    public Volume {
      paths = List.copyOf(paths);
    }
  }

  record User(String user, SourceRange location, String original) implements Instruction {}

  record Workdir(String path, SourceRange location, String original) implements Instruction {}

  record StopSignal(String signal, SourceRange location, String original) implements Instruction {
    @Override
    public String keyword() {
      return "STOPSIGNAL";
    }
  }

  /**
   * {@code HEALTHCHECK}: {@code test} is {@code ["NONE"]}, {@code ["CMD", argv...]} or {@code
   * ["CMD-SHELL", line]} as in the image config; zero durations mean "inherit the default".
   */
  record Healthcheck(
      List<String> test,
      Duration interval,
      Duration timeout,
      Duration startPeriod,
      Duration startInterval,
      int retries,
      SourceRange location,
      String original)
      implements Instruction {
    public Healthcheck {
      test = List.copyOf(test);
    }
  }

  /** {@code ONBUILD}: the validated trigger, and its text as stored in the image config. */
  record Onbuild(Instruction trigger, String expression, SourceRange location, String original)
      implements Instruction {}

  /** Deprecated; accepted and recorded as the image author. */
  record Maintainer(String name, SourceRange location, String original) implements Instruction {}
}
