package dev.jbuild.cli.build.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobPatternTest {
  @ParameterizedTest(name = "{0} ~ {1} = {2}")
  @CsvSource({
    "*.txt, a.txt, true",
    "*.txt, a.txt.bak, false",
    "a?c, abc, true",
    "a?c, ac, false",
    "[a-c]x, bx, true",
    "[^a-c]x, bx, false",
    "[!a-c]x, dx, false",
    "*, .hidden, true",
    "\\*, *, true",
    "\\*, a, false",
    "a*b*c, axxbyyc, true",
    "a*b*c, axxbyy, false",
  })
  void matchesLikeGoFilepathMatch(String pattern, String name, boolean expected) {
    assertThat(GlobPattern.matches(pattern, name)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"[a-", "a\\"})
  void malformedPatternsAreErrors(String pattern) {
    assertThatThrownBy(() -> GlobPattern.matches(pattern, "zzzz"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
