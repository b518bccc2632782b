package dev.jbuild.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class DockerIgnoreTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @TestFactory
  Stream<DynamicTest> referenceMatchVectorsPass() throws IOException {
    Path file = Conformance.dir().resolve("dockerignore/matches.jsonl");
    List<DynamicTest> tests = new ArrayList<>();
    int n = 0;
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode c = JSON.readTree(line);
      List<String> patterns = strings(c.get("patterns"));
      String path = c.get("path").asText();
      boolean excluded = c.get("excluded").asBoolean();
      tests.add(
          DynamicTest.dynamicTest(
              ++n + ": " + patterns + " " + path,
              () -> assertThat(DockerIgnore.of(patterns).matches(path)).isEqualTo(excluded)));
    }
    assertThat(tests).hasSize(72);
    return tests.stream();
  }

  @Test
  void referenceReadAllVectorReadsTheSamePatterns() throws Exception {
    JsonNode c = JSON.readTree(Conformance.dir().resolve("dockerignore/readall.json").toFile());
    assertThat(DockerIgnore.readPatterns(c.get("file").asText()))
        .isEqualTo(strings(c.get("patterns")));
  }

  @Test
  void loneExclamationIsRejectedByTheMatcher() {
    assertThatThrownBy(() -> DockerIgnore.parse("a\n!\n"))
        .isInstanceOf(IgnoreFileException.class)
        .hasMessage("illegal exclusion pattern: \"!\"");
  }

  @Test
  void unclosedBracketIsABadPattern() {
    assertThatThrownBy(() -> DockerIgnore.parse("a[b\n"))
        .isInstanceOf(IgnoreFileException.class)
        .hasMessageStartingWith("syntax error in pattern");
  }

  @Test
  void excludedDirectoryIsNotWalkedUnlessAnExceptionCouldMatchInside() throws Exception {
    DockerIgnore ignore = DockerIgnore.parse("node_modules\nbuild\n!build/keep.txt\n.git\n");
    assertThat(ignore.walkInto("node_modules")).isFalse();
    assertThat(ignore.walkInto(".git")).isFalse();
    assertThat(ignore.walkInto("build")).isTrue();
    assertThat(ignore.walkInto("src")).isTrue();
    assertThat(ignore.matches("build/keep.txt")).isFalse();
    assertThat(ignore.matches("build/other.txt")).isTrue();
    assertThat(DockerIgnore.parse("**\n!**/keep\n").walkInto("a")).isTrue();
  }

  @Test
  void dockerfileSpecificIgnoreFileWinsOverTheContextOne() throws Exception {
    assertThat(DockerIgnore.resolve("a\n", "b\n").patterns()).containsExactly("a");
    assertThat(DockerIgnore.resolve(null, "b\n").patterns()).containsExactly("b");
    assertThat(DockerIgnore.resolve(null, null).matches("x")).isFalse();
  }

  @Test
  void commentsBlankLinesBomAndLeadingSlashFollowTheReader() {
    assertThat(DockerIgnore.readPatterns("\uFEFF# c\r\n\r\n/abs/./x/../y\r\n  ! /z  \r\n"))
        .containsExactly("abs/y", "!z");
  }
}
