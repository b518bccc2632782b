package dev.jbuild.cli.e2e;

import dev.jbuild.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs jbuild in-process with its own store, environment and captured output. */
final class CliRun {
  final int exitCode;
  final String out;
  final String err;

  private CliRun(int exitCode, String out, String err) {
    this.exitCode = exitCode;
    this.out = out;
    this.err = err;
  }

  static CliRun jbuild(Path store, Map<String, String> extraEnv, String... args) {
    return jbuild(store, extraEnv, Clock.systemUTC(), args);
  }

  /** As above; {@code clock} is when the command starts, as far as it can tell. */
  static CliRun jbuild(Path store, Map<String, String> extraEnv, Clock clock, String... args) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putAll(extraEnv);
    List<String> argv = new ArrayList<>(List.of(args));
    if (!argv.isEmpty() && (argv.get(0).equals("build") || argv.get(0).equals("bud"))) {
      argv.add(1, "--root=" + store);
      argv.add(1, "--progress=plain");
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            argv.toArray(String[]::new),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            env,
            clock);
    return new CliRun(code, out.toString(), err.toString());
  }

  static CliRun jbuild(Path store, String... args) {
    return jbuild(store, Map.of("SOURCE_DATE_EPOCH", "1700000000"), args);
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
  }
}
