package dev.jbuild.rootless;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import java.util.Map;

/** Two lower layers, a step that deletes, adds and recreates, and checks of the upper dir. */
final class OverlayFixture {
  private static final int S_IFMT = 0170000;
  private static final int S_IFCHR = 0020000;

  private OverlayFixture() {}

  static void createLayers(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("l1/d"));
    Files.writeString(dir.resolve("l1/a"), "a");
    Files.writeString(dir.resolve("l1/d/old"), "old");
    Files.createDirectories(dir.resolve("l2"));
    Files.writeString(dir.resolve("l2/b"), "b");
    for (String d : List.of("u", "w", "m")) {
      Files.createDirectories(dir.resolve(d));
    }
  }

  /** Mounts, runs the step through the merged view, checks the view, unmounts. */
  static void mountAndChange(Overlay overlay, Path dir) throws IOException {
    try (OverlayMount m =
        overlay.mount(
            List.of(dir.resolve("l1"), dir.resolve("l2")),
            dir.resolve("u"),
            dir.resolve("w"),
            dir.resolve("m"))) {
      Path merged = m.target();
      assertThat(Files.readString(merged.resolve("a"))).isEqualTo("a");
      assertThat(Files.readString(merged.resolve("b"))).isEqualTo("b");
      Files.delete(merged.resolve("a"));
      Files.writeString(merged.resolve("new"), "new");
      Files.delete(merged.resolve("d/old"));
      Files.delete(merged.resolve("d"));
      Files.createDirectory(merged.resolve("d"));
    }
    assertThat(dir.resolve("m/b")).doesNotExist();
  }

  static void assertUpperHoldsChanges(Path dir) throws IOException {
    Path upper = dir.resolve("u");
    Map<String, Object> a =
        Files.readAttributes(upper.resolve("a"), "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
    assertThat((int) a.get("mode") & S_IFMT).as("whiteout is a char device").isEqualTo(S_IFCHR);
    assertThat(a.get("rdev")).as("whiteout is 0/0").isEqualTo(0L);
    assertThat(Files.readString(upper.resolve("new"))).isEqualTo("new");
    assertThat(upper.resolve("b")).doesNotExist();
    assertThat(upper.resolve("d/old")).doesNotExist();
  }

  static String userXattr(Path file, String name) throws IOException {
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    ByteBuffer buf = ByteBuffer.allocate(view.size(name));
    view.read(name, buf);
    return new String(buf.array(), StandardCharsets.UTF_8);
  }
}
