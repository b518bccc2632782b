package dev.jbuild.cli.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.cli.build.copy.ExistingFile;
import dev.jbuild.cli.build.copy.FileEntry.Kind;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FsIndexTest {
  private static final Instant T = Instant.EPOCH;

  private static ExistingFile of(Kind k) {
    return new ExistingFile(k, 0755, 0, 0, T);
  }

  @Test
  void resolvesSymlinkedDirectoriesInsideTheImage() {
    FsIndex fs = new FsIndex();
    fs.put("usr", of(Kind.DIRECTORY), "");
    fs.put("usr/bin", of(Kind.DIRECTORY), "");
    fs.put("bin", of(Kind.SYMLINK), "usr/bin");
    fs.put("abs", of(Kind.SYMLINK), "/usr");
    fs.put("up", of(Kind.SYMLINK), "../../../usr");
    assertThat(fs.resolveParents("bin/tool")).isEqualTo("usr/bin/tool");
    assertThat(fs.resolve("abs/bin")).isEqualTo("usr/bin");
    assertThat(fs.resolve("up/bin")).isEqualTo("usr/bin");
    assertThat(fs.resolveParents("bin")).isEqualTo("bin");
  }

  @Test
  void resolutionFollowsLinksAddedReplacedOrRemovedAfterAnEarlierLookup() {
    FsIndex fs = new FsIndex();
    fs.put("usr/bin", of(Kind.DIRECTORY), "");
    fs.put("opt", of(Kind.DIRECTORY), "");
    assertThat(fs.resolve("bin/x")).isEqualTo("bin/x");
    fs.put("bin", of(Kind.SYMLINK), "usr/bin");
    assertThat(fs.resolve("bin/x")).isEqualTo("usr/bin/x");
    fs.put("bin", of(Kind.SYMLINK), "opt");
    assertThat(fs.resolve("bin/x")).isEqualTo("opt/x");
    fs.put("bin", of(Kind.DIRECTORY), "");
    assertThat(fs.resolve("bin/x")).isEqualTo("bin/x");
    fs.put("bin", of(Kind.SYMLINK), "usr/bin");
    fs.remove("bin");
    assertThat(fs.resolve("bin/x")).isEqualTo("bin/x");
    fs.put("bin", of(Kind.SYMLINK), "usr/bin");
    assertThat(fs.resolve("bin/x")).isEqualTo("usr/bin/x");
    fs.removeChildren("");
    assertThat(fs.resolve("bin/x")).isEqualTo("bin/x");
  }

  @Test
  void whiteoutsRemoveSubtreesAndOpaqueDirectoriesOnlyTheirChildren() {
    FsIndex fs = new FsIndex();
    fs.put("a", of(Kind.DIRECTORY), "");
    fs.put("a/x", of(Kind.FILE), "");
    fs.put("a/y", of(Kind.FILE), "");
    fs.put("ab", of(Kind.FILE), "");
    fs.removeChildren("a");
    assertThat(fs.lookup("a")).isPresent();
    assertThat(fs.lookup("a/x")).isEmpty();
    assertThat(fs.lookup("ab")).isPresent();
    fs.remove("a");
    assertThat(fs.lookup("a")).isEmpty();
    assertThat(fs.lookup("ab")).isPresent();
  }

  @Test
  void symlinkLoopsFailWithAClearMessageInsteadOfSpinning() {
    FsIndex fs = new FsIndex();
    fs.put("l1", of(Kind.SYMLINK), "l2");
    fs.put("l2", of(Kind.SYMLINK), "l1");
    assertThatThrownBy(() -> fs.resolve("l1/x"))
        .isInstanceOf(StepFailure.class)
        .hasMessage("/l1/x: too many levels of symbolic links in the image");
  }
}
