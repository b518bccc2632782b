package dev.jbuild.rootless;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Starts a sandbox launcher with stdin at /dev/null and a minimal environment (the step's own env
 * is set inside), and copies its output to the spec's sinks.
 */
final class StepProcess {
  private StepProcess() {}

  static int run(List<String> argv, SandboxSpec spec) {
    ProcessBuilder builder = new ProcessBuilder(argv);
    builder.redirectInput(ProcessBuilder.Redirect.from(ProcessResult.devNull()));
    Map<String, String> env = builder.environment();
    env.clear();
    env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new SandboxException("starting " + argv.get(0) + ": " + e.getMessage(), e);
    }
    Thread out = pump(process.getInputStream(), spec.stdout());
    Thread err = pump(process.getErrorStream(), spec.stderr());
    int code = Processes.waitFor(process);
    join(out);
    join(err);
    return code;
  }

  private static Thread pump(InputStream in, OutputStream sink) {
    Thread t =
        new Thread(
            () -> {
              try (in) {
                in.transferTo(sink);
                sink.flush();
              } catch (IOException e) {
                // the sink failed: the step still runs to completion, its output is lost
              }
            },
            "jbuild-step-output");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void join(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
