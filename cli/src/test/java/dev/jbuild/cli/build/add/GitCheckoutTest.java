package dev.jbuild.cli.build.add;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.cli.build.StepFailure;
import dev.jbuild.cli.build.copy.CopyOptions;
import dev.jbuild.cli.build.copy.FileEntry;
import dev.jbuild.cli.build.copy.RootfsView;
import dev.jbuild.cli.build.copy.SourceTree;
import dev.jbuild.dockerfile.Instruction;
import dev.jbuild.dockerfile.SourceRange;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ADD of git sources, fetched with the git program from a local {@code git daemon}. */
class GitCheckoutTest {
  private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
  private static final long TAG_TIME = 1_500_000_000L;

  @TempDir Path tmp;
  private Process daemon;
  private String base;
  private int scratch;

  @BeforeEach
  void serveRepository() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src"));
    Files.writeString(src.resolve("README"), "v1\n");
    Files.createDirectories(src.resolve("sub"));
    Files.writeString(src.resolve("sub/inner.txt"), "inner\n");
    git(src, "init", "-q", "-b", "main");
    git(src, "add", ".");
    commit(src, "first", TAG_TIME);
    git(src, "tag", "v1");
    Files.writeString(src.resolve("README"), "v2\n");
    commit(src, "second", TAG_TIME + 100);
    Path served = Files.createDirectories(tmp.resolve("served"));
    git(tmp, "clone", "-q", "--bare", src.toString(), served.resolve("repo.git").toString());
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    daemon =
        new ProcessBuilder(
                "git",
                "daemon",
                "--reuseaddr",
                "--export-all",
                "--listen=127.0.0.1",
                "--port=" + port,
                "--base-path=" + served,
                served.toString())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("daemon.log").toFile())
            .start();
    awaitPort(port);
    base = "git://127.0.0.1:" + port + "/repo.git";
  }

  @AfterEach
  void stopDaemon() throws Exception {
    daemon.destroy();
    daemon.waitFor();
  }

  private void awaitPort(int port) throws Exception {
    for (int i = 0; i < 300; i++) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        if (!daemon.isAlive()) {
          throw new AssertionError(
              "git daemon exited: " + Files.readString(tmp.resolve("daemon.log")));
        }
        Thread.sleep(100);
      }
    }
    throw new AssertionError("git daemon did not listen on " + port);
  }

  private static void commit(Path repo, String message, long time) throws Exception {
    String date = "@" + time + " +0000";
    ProcessBuilder pb =
        new ProcessBuilder(
            "git",
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.com",
            "commit",
            "-q",
            "-a",
            "-m",
            message);
    pb.environment().put("GIT_AUTHOR_DATE", date);
    pb.environment().put("GIT_COMMITTER_DATE", date);
    run(pb.directory(repo.toFile()));
  }

  private static void git(Path dir, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("git"));
    cmd.addAll(List.of(args));
    run(new ProcessBuilder(cmd).directory(dir.toFile()));
  }

  private static void run(ProcessBuilder pb) throws Exception {
    Process p = pb.redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new AssertionError(pb.command() + ": " + out);
    }
  }

  private Map<String, FileEntry> plan(String source, boolean keepGitDir) throws Exception {
    Instruction.Add add =
        new Instruction.Add(
            List.of(source),
            List.of(),
            "/src",
            null,
            null,
            false,
            keepGitDir,
            null,
            null,
            List.of(),
            new SourceRange(1, 1),
            "ADD");
    AddPlanner planner =
        new AddPlanner(
            RootfsView.EMPTY,
            new CopyOptions(0, 0, null, NOW),
            () -> Files.createDirectories(tmp.resolve("scratch-" + scratch++)));
    return planner.plan(add, "/src", () -> SourceTree.of(tmp, "unused context"), null).stream()
        .collect(Collectors.toMap(FileEntry::path, Function.identity()));
  }

  @Test
  void tagIsCheckedOutWithoutGitDirAndWithTheCommitTime() throws Exception {
    Map<String, FileEntry> e = plan(base + "#v1", false);
    assertThat(e.keySet())
        .containsExactlyInAnyOrder("src", "src/README", "src/sub", "src/sub/inner.txt");
    assertThat(Files.readString(e.get("src/README").source())).isEqualTo("v1\n");
    assertThat(e.get("src/README").mtime()).isEqualTo(Instant.ofEpochSecond(TAG_TIME));
    assertThat(e.get("src").mode()).isEqualTo(0755);
  }

  @Test
  void defaultRefIsTheRemoteHead() throws Exception {
    Map<String, FileEntry> e = plan(base, false);
    assertThat(Files.readString(e.get("src/README").source())).isEqualTo("v2\n");
  }

  @Test
  void keepGitDirKeepsTheRepositoryMetadata() throws Exception {
    assertThat(plan(base + "#main", true)).containsKey("src/.git/HEAD");
  }

  @Test
  void subdirectoryAfterTheRefSelectsWhatIsAdded() throws Exception {
    Map<String, FileEntry> e = plan(base + "#v1:sub", false);
    assertThat(e.keySet()).containsExactlyInAnyOrder("src", "src/inner.txt");
  }

  @Test
  void unknownRefIsAOneLineErrorNamingTheSource() {
    assertThatThrownBy(() -> plan(base + "#no-such-ref", false))
        .isInstanceOf(StepFailure.class)
        .hasMessageStartingWith("ADD " + base + "#no-such-ref: git fetch failed: ")
        .hasMessageNotContaining("\n");
  }
}
