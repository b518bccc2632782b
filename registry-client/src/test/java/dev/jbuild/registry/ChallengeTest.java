package dev.jbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ChallengeTest {
  @Test
  void parsesBearerWithQuotedCommaSeparatedParameters() {
    Challenge c =
        Challenge.parse(
            "Bearer realm=\"https://auth.example/token\",service=\"registry.example\","
                + "scope=\"repository:a/b:pull,push repository:c:pull\"");
    assertThat(c).isNotNull();
    assertThat(c.isBearer()).isTrue();
    assertThat(c.params())
        .isEqualTo(
            Map.of(
                "realm", "https://auth.example/token",
                "service", "registry.example",
                "scope", "repository:a/b:pull,push repository:c:pull"));
  }

  @Test
  void parsesBasicAndUnquotedValues() {
    Challenge c = Challenge.parse("Basic realm=Registry, charset=\"UTF-8\"");
    assertThat(c).isNotNull();
    assertThat(c.isBasic()).isTrue();
    assertThat(c.param("realm")).isEqualTo("Registry");
    assertThat(c.param("charset")).isEqualTo("UTF-8");
    assertThat(Challenge.parse(null)).isNull();
    assertThat(Challenge.parse("  ")).isNull();
  }
}
