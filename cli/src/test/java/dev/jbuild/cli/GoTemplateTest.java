package dev.jbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoTemplateTest {
  private static final String DOC =
      "{\"Id\":\"sha256:ab\",\"Size\":42,\"Config\":{\"Env\":[\"A=1\",\"B=2\"],"
          + "\"Labels\":{\"z\":\"last\",\"a\":\"first\"},\"User\":null,\"Tty\":false}}";

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{{.Id}}|sha256:ab",
        "id={{.Id}} size={{.Size}}|id=sha256:ab size=42",
        "{{.Config.Env}}|[A=1 B=2]",
        "{{.Config.Labels}}|map[a:first z:last]",
        "{{index .Config.Labels \"z\"}}|last",
        "{{json .Config.Labels}}|{\"z\":\"last\",\"a\":\"first\"}",
        "{{ .Config.Tty }}|false",
        "{{.Config.User}}|<nil>",
        "{{.Config.Missing}}|<no value>",
        "{{.Nope.Deeper}}|<no value>",
        "plain text|plain text",
      })
  void rendersLikeGoTextTemplate(String template, String expected) throws Exception {
    JsonNode doc = new ObjectMapper().readTree(DOC);
    assertThat(GoTemplate.parse(template).render(doc)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{{.Id|unclosed action",
        "{{range .Config.Env}}|unsupported action",
        "{{Id}}|not a field path",
      })
  void rejectsWhatItCannotRender(String template, String message) {
    assertThatThrownBy(() -> GoTemplate.parse(template))
        .isInstanceOf(UsageError.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"{{.Id.X}}|cannot read field X of a string"})
  void fieldOfAScalarIsAUserError(String template, String message) throws Exception {
    JsonNode doc = new ObjectMapper().readTree(DOC);
    assertThatThrownBy(() -> GoTemplate.parse(template).render(doc))
        .isInstanceOf(UserError.class)
        .hasMessageContaining(message);
  }
}
