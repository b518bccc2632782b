package dev.jbuild.rootless;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The upper dir after a step holds only what the step wrote: mount stubs (/proc, /dev, /sys,
 * /etc/hosts, /etc/resolv.conf, /etc/hostname, /run/secrets/id) are gone; /etc, copied up to hold
 * the stubs, is left with the lower's mtime so a differ sees it unchanged.
 */
class StubsInUpperTest {
  static final String EXPECTED = "exit=0\netc dir same-mtime\ntmp dir\ntmp/new file";

  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(
      value = Isolation.class,
      names = {"OCI", "ROOTLESS"})
  void asRootOnlyTheStepsWritesRemainInUpper(Isolation isolation) throws IOException {
    Rootless rootless = Rootless.detect();
    assertThat(rootless.needsReexec()).isFalse();
    assertThat(StubsInUpper.run(rootless, isolation, tmp)).isEqualTo(EXPECTED);
  }

  @ParameterizedTest
  @EnumSource(
      value = Isolation.class,
      names = {"OCI", "ROOTLESS"})
  void asUnprivilegedUserOnlyTheStepsWritesRemainInUpper(Isolation isolation) throws IOException {
    TestUser user = TestUser.resolve();
    Path dir = user.ownedTempDir();
    try {
      Path cases = dir.resolve("case");
      TestUser.Result r =
          user.run(ChildJvm.command(dir, "stubs", isolation.cliName(), cases.toString()), dir, "");
      assertThat(r.exit()).as(r.stderr()).isZero();
      assertThat(r.stdout().strip()).isEqualTo(EXPECTED);
      assertThat(Files.readString(cases.resolve("upper/tmp/new"))).isEqualTo("s3cret");
    } finally {
      DirTrees.deleteRecursivelyQuietly(dir);
    }
  }
}
