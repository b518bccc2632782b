package dev.jbuild.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.Map;
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
    CommandLine cli = newCommandLine(out, err, env, Commands.toRegister(args));
    return cli.execute(args);
  }

  /** The command tree with the given subcommands. */
  static CommandLine newCommandLine(
      PrintWriter out, PrintWriter err, Map<String, String> env, Collection<Class<?>> commands) {
    EnvFactory factory = new EnvFactory(env);
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
