package dev.jbuild.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerPathsTest {
  @Test
  void orderIsNameByNameWithTheOpaqueMarkerFirstInItsDirectory() {
    List<String> paths =
        new ArrayList<>(
            List.of(
                "a/b",
                "a-b",
                "a",
                "a/.wh..wh..opq",
                "a/.wh.x",
                "a/B",
                "ab",
                "a/b/c",
                "a/.wh..wh..opqx",
                "é",
                "z"));
    paths.sort(LayerPaths.ORDER);
    // "a/..." sorts before "a-b" although '-' < '/': children follow their directory
    assertThat(paths)
        .containsExactly(
            "a",
            "a/.wh..wh..opq",
            "a/.wh..wh..opqx",
            "a/.wh.x",
            "a/B",
            "a/b",
            "a/b/c",
            "a-b",
            "ab",
            "z",
            "é");
  }

  @Test
  void equalPathsCompareEqualAndPrefixesComeFirst() {
    assertThat(LayerPaths.ORDER.compare("usr/bin", "usr/bin")).isZero();
    assertThat(LayerPaths.ORDER.compare("usr", "usr/bin")).isNegative();
    assertThat(LayerPaths.ORDER.compare("usr/bin", "usr")).isPositive();
    assertThat(LayerPaths.ORDER.compare("x/.wh..wh..opq", "x/.wh..wh..opq")).isZero();
  }
}
