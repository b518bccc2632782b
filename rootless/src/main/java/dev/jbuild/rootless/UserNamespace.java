package dev.jbuild.rootless;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a command in a new user+mount namespace with jbuild's id maps. The JVM cannot unshare
 * itself (it is multi-threaded), so the child is {@code unshare}, paused on a FIFO until this
 * process has written its maps with newuidmap/newgidmap; then it execs the command.
 */
public final class UserNamespace {
  /** Set in the child's environment: "this process is jbuild's namespace child". */
  public static final String MARKER_ENV = "JBUILD_USERNS";

  // $0 is the FIFO; "<>" opens it read-write so the open never blocks on a dead parent.
  private static final String WAIT_THEN_EXEC =
      "read -r go <>\"$0\" && [ \"$go\" = go ] && exec \"$@\"; exit 125";

  private final Host host;
  private final IdMappings mappings;

  public UserNamespace(Host host, IdMappings mappings) {
    this.host = host;
    this.mappings = mappings;
  }

  /** Runs argv inside the namespace with this process's stdio; returns its exit code. */
  public int run(List<String> argv) {
    Process process = start(argv, Redirect.INHERIT, Redirect.INHERIT, Redirect.INHERIT);
    return Processes.waitFor(process);
  }

  /** Starts argv inside the namespace; the process already has its maps when this returns. */
  public Process start(List<String> argv, Redirect in, Redirect out, Redirect err) {
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("empty command");
    }
    Path dir = Processes.privateTempDir(host.tempDir(), "jbuild-userns-");
    Path fifo = dir.resolve("release");
    String mkfifo = host.tools().require("mkfifo", "pause the namespace child").toString();
    ProcessResult.check(List.of(mkfifo, "-m", "600", fifo.toString()), "creating " + fifo);
    try {
      FileChannel release =
          FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE);
      Process process = launch(argv, fifo, in, out, err);
      process.onExit().thenRun(() -> Processes.closeAndDelete(release, fifo, dir));
      try {
        IdMapWriter.awaitNewUserNamespace(host, process);
        new IdMapWriter(host, mappings).write(process.pid());
        release.write(ByteBuffer.wrap("go\n".getBytes(StandardCharsets.US_ASCII)));
        return process;
      } catch (RuntimeException e) {
        process.destroyForcibly();
        throw e;
      }
    } catch (IOException e) {
      Processes.deleteQuietly(fifo, dir);
      throw new RootlessException("starting user namespace: " + e.getMessage(), e);
    }
  }

  private Process launch(List<String> argv, Path fifo, Redirect in, Redirect out, Redirect err)
      throws IOException {
    String unshare = host.tools().require("unshare", "create user namespaces").toString();
    List<String> cmd = new ArrayList<>();
    cmd.addAll(List.of(unshare, "--user", "--mount", "--propagation", "private", "--"));
    cmd.addAll(List.of("/bin/sh", "-c", WAIT_THEN_EXEC, fifo.toString()));
    cmd.addAll(argv);
    ProcessBuilder builder = new ProcessBuilder(cmd).redirectInput(in);
    builder.redirectOutput(out).redirectError(err);
    builder.environment().put(MARKER_ENV, "1");
    return builder.start();
  }
}
