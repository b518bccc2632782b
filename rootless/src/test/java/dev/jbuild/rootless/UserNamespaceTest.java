package dev.jbuild.rootless;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The unprivileged path, run as the test user in a separate JVM. */
class UserNamespaceTest {
  private final TestUser user = TestUser.resolve();
  private Path dir;

  @BeforeEach
  void setUp() throws IOException {
    dir = user.ownedTempDir();
  }

  @AfterEach
  void tearDown() {
    DirTrees.deleteRecursivelyQuietly(dir);
  }

  @Test
  void unprivilegedUserIsRootWithSubordinateRangeAndChownLandsOnMappedId() throws IOException {
    IdMappings maps =
        IdMappings.load(
            new HostUser(user.name(), user.uid(), user.gid()),
            Path.of("/etc/subuid"),
            Path.of("/etc/subgid"));
    assertThat(maps.hasSubordinateRanges()).as("test user needs a subuid/subgid range").isTrue();
    TestUser.Result r =
        user.run(
            ChildJvm.command(
                dir,
                "unshare",
                "sh",
                "-c",
                "id -u; id -g; touch f; chown 54321:43210 f; stat -c %u:%g f; cat /proc/self/uid_map"),
            dir,
            "");
    assertThat(r.exit()).as(r.stderr()).isZero();
    List<String> lines = r.stdout().lines().toList();
    assertThat(lines.subList(0, 3)).containsExactly("0", "0", "54321:43210");
    assertThat(lines.subList(3, lines.size()).stream().map(l -> l.strip().replaceAll("\\s+", " ")))
        .containsExactlyElementsOf(maps.uids().stream().map(IdRange::asMapLine).toList());
    long outside = maps.uids().get(1).outside() + 54321 - 1;
    long outsideGid = maps.gids().get(1).outside() + 43210 - 1;
    assertThat(Files.getAttribute(dir.resolve("f"), "unix:uid", LinkOption.NOFOLLOW_LINKS))
        .isEqualTo((int) outside);
    assertThat(Files.getAttribute(dir.resolve("f"), "unix:gid", LinkOption.NOFOLLOW_LINKS))
        .isEqualTo((int) outsideGid);
  }

  @Test
  void withoutSubordinateRangeOnlyTheCallerIsMappedAndAWarningSaysSo() throws IOException {
    TestUser.Result r =
        user.run(
            ChildJvm.command(
                dir,
                "unshare-without-range",
                "sh",
                "-c",
                "id -u; cat /proc/self/uid_map; touch f; chown 1:1 f 2>/dev/null || echo refused"),
            dir,
            "");
    assertThat(r.exit()).as(r.stderr()).isZero();
    assertThat(r.stdout().lines().map(l -> l.strip().replaceAll("\\s+", " ")).toList())
        .containsExactly("0", "0 " + user.uid() + " 1", "refused");
    assertThat(r.stderr())
        .startsWith("warning: no subordinate id range for user '" + user.name() + "'")
        .containsOnlyOnce("warning:");
  }

  @Test
  void failingNewuidmapIsOneLineNamingTheFixAndTheCommandNeverRuns() throws IOException {
    TestUser.Result r =
        user.run(
            ChildJvm.command(dir, "unshare-failing-newuidmap", "touch", dir + "/ran"), dir, "");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.stderr())
        .isEqualTo(
            "mapping subordinate ids with newuidmap failed (newuidmap: write to uid_map failed:"
                + " Operation not permitted): check your entries in /etc/subuid and /etc/subgid"
                + " and that newuidmap is installed setuid root (Debian package 'uidmap')\n");
    assertThat(dir.resolve("ran")).doesNotExist();
  }

  @Test
  void exitCodeAndStdioPassThroughTheNamespace() throws IOException {
    TestUser.Result r =
        user.run(
            ChildJvm.command(
                dir, "unshare", "sh", "-c", "read x; echo \"got $x\"; echo oops >&2; exit 7"),
            dir,
            "hello\n");
    assertThat(r.exit()).isEqualTo(7);
    assertThat(r.stdout()).isEqualTo("got hello\n");
    assertThat(r.stderr()).isEqualTo("oops\n");
  }

  @Test
  void reexecutedJvmKnowsItIsInsideOurNamespace() throws IOException {
    TestUser.Result r = user.run(ChildJvm.command(dir, "whoami"), dir, "");
    assertThat(r.exit()).as(r.stderr()).isZero();
    assertThat(r.stdout()).startsWith("InNamespace\n").contains("ours=true");
  }

  @Test
  void mountsMadeInsideDoNotLeakToTheHost() throws IOException {
    Files.createDirectory(dir.resolve("m"));
    TestUser.Result r =
        user.run(
            ChildJvm.command(
                dir, "unshare", "sh", "-c", "mount -t tmpfs none m && touch m/inside && ls m"),
            dir,
            "");
    assertThat(r.exit()).as(r.stderr()).isZero();
    assertThat(r.stdout()).isEqualTo("inside\n");
    assertThat(dir.resolve("m/inside")).doesNotExist();
  }
}
