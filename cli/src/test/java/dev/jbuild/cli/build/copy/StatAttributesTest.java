package dev.jbuild.cli.build.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatAttributesTest {
  @TempDir Path tmp;

  @Test
  void theJdkFieldsAreReadDirectlyWhenOpenedToUs() {
    // surefire opens sun.nio.fs as the jar's manifest does; without it every stat takes the map
    assertThat(UnixFields.available()).isTrue();
  }

  @Test
  void theDirectReadAgreesWithTheAttributeMapForEveryKindOfEntry() throws IOException {
    Path file = Files.writeString(tmp.resolve("f"), "content");
    Files.setAttribute(file, "unix:mode", 04750); // setuid too: the map and the fields agree
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2001-02-03T04:05:06.789Z")));
    Path dir = Files.createDirectory(tmp.resolve("d"));
    Path link = Files.createSymbolicLink(tmp.resolve("l"), Path.of("f"));
    for (Path p : List.of(file, dir, link)) {
      assertThat(StatAttributes.read(p)).as(p.toString()).isEqualTo(StatAttributes.readMap(p));
    }
    StatAttributes f = StatAttributes.read(file);
    assertThat(f.size()).isEqualTo(7);
    assertThat(f.mtime()).isEqualTo(Instant.parse("2001-02-03T04:05:06.789Z"));
    assertThat(StatAttributes.read(link).isSymbolicLink()).isTrue();
    assertThat(StatAttributes.read(dir).isDirectory()).isTrue();
  }

  @Test
  void aMissingPathFailsAsTheMapDoes() {
    Path missing = tmp.resolve("missing");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> StatAttributes.read(missing))
        .isInstanceOf(java.nio.file.NoSuchFileException.class);
  }
}
