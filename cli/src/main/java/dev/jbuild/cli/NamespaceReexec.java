package dev.jbuild.cli;

import dev.jbuild.cli.build.BuildRequest;
import dev.jbuild.cli.uptodate.UpToDate;
import dev.jbuild.rootless.Rootless;
import dev.jbuild.rootless.SelfCommand;
import dev.jbuild.rootless.UserNamespace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * An ordinary user's build with RUN steps needs a user namespace; the JVM cannot enter one itself
 * (it is multi-threaded), so the whole command is run again inside a new user+mount namespace, with
 * the caller as root and the subuid range mapped — once, before any work.
 */
final class NamespaceReexec {
  /** Hidden flag for the child: a file with the Dockerfile the parent already read from stdin. */
  static final String STDIN_DOCKERFILE_FLAG = "--x-stdin-dockerfile";

  /** Hidden flag for the child: where to leave its up-to-date record for the parent to file. */
  static final String RECORD_TO_FLAG = "--x-record-to";

  private static final Pattern RUN_LINE = Pattern.compile("(?im)^\\s*(onbuild\\s+)?run(\\s|$)");

  private NamespaceReexec() {}

  static boolean needed(BuildRequest request, Map<String, String> env) {
    if (env.containsKey(UserNamespace.MARKER_ENV)) {
      return false;
    }
    if (!RUN_LINE.matcher(request.dockerfileText()).find()) {
      return false;
    }
    return Rootless.detect().needsReexec();
  }

  /**
   * @param slot where the user's command line keeps its up-to-date record; null when this build
   *     keeps none
   */
  static int run(
      CommandSpec spec, BuildRequest request, Map<String, String> env, @Nullable UpToDate slot)
      throws IOException {
    Rootless rootless = Rootless.detect();
    rootless.warnings().forEach(w -> spec.commandLine().getErr().println("WARNING: " + w));
    List<String> original = spec.root().commandLine().getParseResult().originalArgs();
    List<String> self = SelfCommand.current();
    List<String> argv = new ArrayList<>(self.subList(0, self.size() - original.size()));
    int sub = Math.max(0, original.indexOf(spec.name()));
    argv.addAll(original.subList(0, sub + 1));
    Path copy = Files.createTempFile("jbuild-dockerfile", ".txt");
    Path record = slot == null ? null : Files.createTempFile("jbuild-record", ".bin");
    try {
      // The child cannot read stdin again: hand it the Dockerfile text we already have.
      Files.writeString(copy, request.dockerfileText(), StandardCharsets.UTF_8);
      argv.add(STDIN_DOCKERFILE_FLAG + "=" + copy);
      if (record != null) {
        argv.add(RECORD_TO_FLAG + "=" + record);
      }
      argv.addAll(original.subList(sub + 1, original.size()));
      spec.commandLine().getErr().flush();
      int rc = rootless.runInNamespace(argv);
      if (rc == ExitCodes.OK && slot != null && record != null) {
        try {
          slot.adopt(record);
        } catch (IOException e) {
          // the image is built; without a record the next build just does the work
        }
      }
      return rc;
    } finally {
      Files.deleteIfExists(copy);
      if (record != null) {
        Files.deleteIfExists(record);
      }
    }
  }
}
