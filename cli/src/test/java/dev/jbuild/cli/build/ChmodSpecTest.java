package dev.jbuild.cli.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChmodSpecTest {
  @ParameterizedTest(name = "{0} on {1} = {2}")
  @CsvSource({
    "0755, 0644, 0755",
    "755, 0600, 0755",
    "u+x, 0644, 0744",
    "go-w, 0666, 0644",
    "a=r, 0777, 0444",
    "o=, 0777, 0770",
    "+x, 0600, 0711",
    "'u+x,g+w', 0600, 0720",
    "a+X, 0644, 0644",
    "a+X, 0744, 0755",
  })
  void appliesOctalAndSymbolicModes(String spec, String before, String after) {
    int mode = ChmodSpec.parse(spec).applyAsInt(Integer.parseInt(before, 8));
    assertThat(Integer.toOctalString(mode))
        .isEqualTo(Integer.toOctalString(Integer.parseInt(after, 8)));
  }

  @ParameterizedTest
  @CsvSource({"u*x", "0999", "z+r", "u+q"})
  void rejectsBadModes(String spec) {
    assertThatThrownBy(() -> ChmodSpec.parse(spec)).hasMessageContaining("invalid chmod");
  }
}
