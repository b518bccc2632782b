package dev.jbuild.rootless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverlayTest {
  @TempDir Path tmp;

  @Test
  void unprivilegedOverlayRecordsWhiteoutAndOpaqueDirInUpper() throws IOException {
    TestUser user = TestUser.resolve();
    Path dir = user.ownedTempDir();
    try {
      TestUser.Result setup =
          user.run(
              List.of(
                  "sh",
                  "-c",
                  "mkdir -p l1/d l2 u w m && echo -n a > l1/a"
                      + " && echo -n old > l1/d/old && echo -n b > l2/b"),
              dir,
              "");
      assertThat(setup.exit()).as(setup.stderr()).isZero();
      TestUser.Result r = user.run(ChildJvm.command(dir, "overlay", dir.toString()), dir, "");
      assertThat(r.exit()).as(r.stderr()).isZero();
      assertThat(r.stdout()).isEqualTo("overlay ok user.overlay.opaque\n");
      OverlayFixture.assertUpperHoldsChanges(dir);
      assertThat(OverlayFixture.userXattr(dir.resolve("u/d"), "overlay.opaque")).isEqualTo("y");
    } finally {
      DirTrees.deleteRecursivelyQuietly(dir);
    }
  }

  @Test
  void rootOverlayRecordsOpaqueDirsWithUserXattrsJavaCanRead() throws IOException {
    // userxattr as real root too: the JDK cannot read trusted.* xattrs, so the change-set reader
    // could not see an opaque dir marked with trusted.overlay.opaque.
    Rootless rootless = rootOrInside();
    OverlayFixture.createLayers(tmp);
    OverlayFixture.mountAndChange(rootless.overlay(), tmp);
    OverlayFixture.assertUpperHoldsChanges(tmp);
    assertThat(rootless.overlay().opaqueXattr()).isEqualTo("user.overlay.opaque");
    assertThat(OverlayFixture.userXattr(tmp.resolve("u/d"), "overlay.opaque")).isEqualTo("y");
  }

  @Test
  void hundredsOfLongLowerPathsFitInOnePageOfOptions() throws IOException {
    Rootless rootless = rootOrInside();
    List<Path> lowers = new ArrayList<>();
    String longName = "x".repeat(60);
    for (int i = 0; i < 300; i++) {
      Path layer = Files.createDirectories(tmp.resolve(longName + i).resolve(longName));
      Files.writeString(layer.resolve("f"), Integer.toString(i));
      Files.writeString(layer.resolve("only" + i), "");
      lowers.add(layer);
    }
    Path upper = Files.createDirectory(tmp.resolve("u"));
    Path work = Files.createDirectory(tmp.resolve("w"));
    Path target = Files.createDirectory(tmp.resolve("m"));
    try (OverlayMount m = rootless.overlay().mount(lowers, upper, work, target)) {
      assertThat(Files.readString(m.target().resolve("f"))).as("top layer wins").isEqualTo("299");
      assertThat(m.target().resolve("only0")).exists();
    }
  }

  @Test
  void moreLayersThanTheKernelStacksIsATypedError() {
    List<Path> lowers = new ArrayList<>();
    for (int i = 0; i <= Overlay.MAX_LOWER_DIRS; i++) {
      lowers.add(tmp.resolve("l" + i));
    }
    assertThatThrownBy(() -> rootOrInside().overlay().mount(lowers, tmp, tmp, tmp))
        .isInstanceOf(MountException.class)
        .hasMessage("overlay of 501 layers exceeds the kernel limit of 500: squash the base image");
  }

  @Test
  void mountFailureNamesTargetAndKeepsNothingMounted() {
    Path missing = tmp.resolve("missing");
    assertThatThrownBy(
            () -> rootOrInside().overlay().mount(List.of(missing), missing, missing, missing))
        .isInstanceOf(MountException.class)
        .hasMessageStartingWith("mounting overlay on " + missing + ": ");
  }

  @Test
  void probeReportsOverlayAvailableHere() {
    OverlaySupport support = rootOrInside().overlay().probe(tmp);
    assertThat(support.available()).as(support.detail()).isTrue();
  }

  private static Rootless rootOrInside() {
    Rootless rootless = Rootless.detect();
    assertThat(rootless.needsReexec())
        .as("in-process overlay tests run as root (CI runs scripts/test.sh as root)")
        .isFalse();
    return rootless;
  }
}
