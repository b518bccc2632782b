package dev.jbuild.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jbuild.cli.uptodate.UpToDate;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;

/** Entry point: builds the command tree and turns failures into exit codes. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, UTF_8), true);
    System.exit(run(args, out, err));
  }

  /** Runs one command line; returns the exit code (0 ok, 1 failed, 2 usage error). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, out, err, System.getenv());
  }

  /** As {@link #run(String[], PrintWriter, PrintWriter)} with an explicit environment. */
  public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
    return run(args, out, err, env, Clock.systemUTC());
  }

  /**
   * As {@link #run(String[], PrintWriter, PrintWriter, Map)}; {@code clock} tells a build when it
   * started (tests move it ahead so that files they just wrote count as settled).
   */
  public static int run(
      String[] args, PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock) {
    UpToDate slot = UpToDateBuild.slot(args, env, clock);
    if (slot != null) {
      OptionalInt answered = UpToDateBuild.replay(slot, env, out, err);
      if (answered.isPresent()) {
        return answered.getAsInt();
      }
    }
    WarmUp.startFor(args);
    CommandLine cli = newCommandLine(out, err, env, Commands.toRegister(args), slot);
    return cli.execute(args);
  }

  /** The command tree with the given subcommands. */
  static CommandLine newCommandLine(
      PrintWriter out, PrintWriter err, Map<String, String> env, Collection<Class<?>> commands) {
    return newCommandLine(out, err, env, commands, null);
  }

  private static CommandLine newCommandLine(
      PrintWriter out,
      PrintWriter err,
      Map<String, String> env,
      Collection<Class<?>> commands,
      @Nullable UpToDate slot) {
    EnvFactory factory = new EnvFactory(env, slot);
    CommandLine cli = new CommandLine(new JbuildCommand(), factory);
    for (Class<?> c : commands) {
      cli.addSubcommand(new CommandLine(c, factory));
    }
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(new FailureHandler());
    cli.setParameterExceptionHandler(new UsageErrorHandler());
    return cli;
  }
}
