package dev.jbuild.dockerfile.ignore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathCleanTest {
  @ParameterizedTest(name = "clean({0}) = {1}")
  @CsvSource({
    "'', .",
    "., .",
    "/, /",
    "a, a",
    "a/b/c, a/b/c",
    "/a/b, /a/b",
    "a/, a",
    "a//b, a/b",
    "./a, a",
    "a/./b, a/b",
    "a/.., .",
    "a/../b, b",
    "../a, ../a",
    "/../a, /a",
    "..., ...",
    ".a/b., .a/b.",
    "a/..b, a/..b"
  })
  void cleansAsGoPathCleanDoes(String in, String out) {
    assertThat(PathClean.clean(in)).isEqualTo(out);
  }
}
