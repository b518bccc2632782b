package dev.jbuild.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.dockerfile.shell.ShellLexer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** BuildKit's shell vectors: every A and U line of envVarTest and all of wordsTest. */
class ShellConformanceTest {
  private static final ShellLexer LEXER = ShellLexer.standard('\\');

  @TestFactory
  Stream<DynamicTest> envVarTestLinesExpandAsReference() throws IOException {
    Map<String, String> env = Map.of("PWD", "/home", "SHELL", "bash", "KOREAN", "한국어", "NULL", "");
    List<DynamicTest> tests = new ArrayList<>();
    int n = 0;
    for (String line : Files.readAllLines(Conformance.dir().resolve("buildkit/shell/envVarTest"))) {
      n++;
      String trimmed = line.trim();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\\|", -1);
      String platform = f[0].trim();
      if (platform.equals("W")) {
        continue;
      }
      String source = f[1].trim();
      String expected = f[2].trim();
      tests.add(
          DynamicTest.dynamicTest(
              n + ": " + source,
              () -> {
                if (expected.equals("error")) {
                  assertThatThrownBy(() -> LEXER.processWord(source, env::get))
                      .isInstanceOf(ExpansionException.class);
                } else {
                  assertThat(LEXER.processWord(source, env::get)).isEqualTo(expected);
                }
              }));
    }
    assertThat(tests).hasSizeGreaterThan(200);
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> wordsTestLinesSplitAsReference() throws IOException {
    Map<String, String> env = new HashMap<>();
    List<DynamicTest> tests = new ArrayList<>();
    int n = 0;
    for (String line : Files.readAllLines(Conformance.dir().resolve("buildkit/shell/wordsTest"))) {
      n++;
      if (line.trim().isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("ENV ")) {
        String kv = line.substring(3).replaceFirst("^ +", "");
        int eq = kv.indexOf('=');
        env.put(kv.substring(0, eq), kv.substring(eq + 1));
        continue;
      }
      Map<String, String> snapshot = Map.copyOf(env);
      String[] f = line.split("\\|", -1);
      String source = f[0].trim();
      String expectedText = f[1].replaceFirst("^ +", "");
      tests.add(
          DynamicTest.dynamicTest(
              n + ": " + source,
              () -> {
                if (expectedText.equals("error")) {
                  assertThatThrownBy(() -> LEXER.processWords(source, snapshot::get))
                      .isInstanceOf(ExpansionException.class);
                } else {
                  assertThat(LEXER.processWords(source, snapshot::get))
                      .isEqualTo(Arrays.asList(expectedText.split(",", -1)));
                }
              }));
    }
    assertThat(tests).hasSizeGreaterThan(20);
    return tests.stream();
  }
}
