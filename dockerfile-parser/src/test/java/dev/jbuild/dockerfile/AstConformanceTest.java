package dev.jbuild.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.dockerfile.ast.AstNode;
import dev.jbuild.dockerfile.ast.AstParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** BuildKit's own parser vectors: dumps match byte for byte, negatives fail, lines match. */
class AstConformanceTest {

  static Stream<DynamicTest> dumpCases(Path root) throws IOException {
    List<Path> cases;
    try (Stream<Path> list = Files.list(root)) {
      cases = list.filter(Files::isDirectory).sorted().toList();
    }
    assertThat(cases).isNotEmpty();
    return cases.stream()
        .map(
            dir ->
                DynamicTest.dynamicTest(
                    dir.getFileName().toString(),
                    () -> {
                      String text = Files.readString(dir.resolve("Dockerfile"));
                      String expected = Files.readString(dir.resolve("result"));
                      String dump = AstParser.parse("Dockerfile", text).dump() + "\n";
                      assertThat(dump).isEqualTo(expected);
                    }));
  }

  @TestFactory
  Stream<DynamicTest> referenceDumpsMatchByteForByte() throws IOException {
    return dumpCases(Conformance.dir().resolve("buildkit/parser/testfiles"));
  }

  @TestFactory
  Stream<DynamicTest> committedGoldenDumpsMatch() throws IOException {
    return dumpCases(Path.of("src/test/resources/golden"));
  }

  @TestFactory
  Stream<DynamicTest> referenceNegativeCasesFailWithSyntaxError() throws IOException {
    return negativeCases(Conformance.dir().resolve("buildkit/parser/testfiles-negative"), 4);
  }

  @TestFactory
  Stream<DynamicTest> committedNegativeCasesFailWithSyntaxError() throws IOException {
    return negativeCases(Path.of("src/test/resources/negative"), 7);
  }

  static Stream<DynamicTest> negativeCases(Path root, int count) throws IOException {
    List<Path> cases;
    try (Stream<Path> list = Files.list(root)) {
      cases = list.filter(Files::isDirectory).sorted().toList();
    }
    assertThat(cases).hasSize(count);
    return cases.stream()
        .map(
            dir ->
                DynamicTest.dynamicTest(
                    dir.getFileName().toString(),
                    () -> {
                      String text =
                          new String(
                              Files.readAllBytes(dir.resolve("Dockerfile")),
                              StandardCharsets.UTF_8);
                      assertThatThrownBy(() -> AstParser.parse("Dockerfile", text))
                          .isInstanceOf(DockerfileSyntaxException.class);
                    }));
  }

  @Test
  void referenceLineRangesMatch() throws Exception {
    Path file = Conformance.dir().resolve("buildkit/parser/testfile-line/Dockerfile");
    List<AstNode> nodes = AstParser.parse("Dockerfile", Files.readString(file)).nodes();
    assertThat(nodes)
        .extracting(n -> List.of(n.startLine(), n.endLine()))
        .containsExactly(List.of(5, 5), List.of(11, 12), List.of(17, 31));
  }
}
