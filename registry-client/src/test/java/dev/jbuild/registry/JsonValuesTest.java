package dev.jbuild.registry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonValuesTest {
  private static Map<String, Object> obj(String json) throws IOException {
    return JsonValues.parseObject(json.getBytes(UTF_8));
  }

  @Test
  void readsObjectsArraysAndScalarsInOrder() throws IOException {
    Map<String, Object> o =
        obj("{\"b\":[1,\"x\",true,null,{\"c\":2.5}],\"a\":{\"d\":\"e\"},\"n\":12345678901234}");
    assertThat(o.keySet()).containsExactly("b", "a", "n");
    assertThat(JsonValues.array(o, "b")).containsExactly(1, "x", true, null, Map.of("c", 2.5));
    assertThat(JsonValues.text(JsonValues.object(o.get("a")), "d", "")).isEqualTo("e");
    assertThat(JsonValues.number(o, "n", -1)).isEqualTo(12345678901234L);
  }

  @Test
  void textAndNumberReadMembersAsDatabindsAsTextAndAsLongDid() throws IOException {
    Map<String, Object> o = obj("{\"s\":\"7\",\"i\":7,\"f\":7.9,\"t\":true,\"o\":{},\"z\":null}");
    assertThat(JsonValues.text(o, "s", "-")).isEqualTo("7");
    assertThat(JsonValues.text(o, "i", "-")).isEqualTo("7");
    assertThat(JsonValues.text(o, "t", "-")).isEqualTo("true");
    assertThat(JsonValues.text(o, "o", "-")).isEqualTo("-");
    assertThat(JsonValues.text(o, "z", "-")).isEqualTo("-");
    assertThat(JsonValues.text(o, "missing", "-")).isEqualTo("-");
    assertThat(JsonValues.number(o, "s", -1)).isEqualTo(7);
    assertThat(JsonValues.number(o, "f", -1)).isEqualTo(7);
    assertThat(JsonValues.number(o, "o", -1)).isEqualTo(-1);
    assertThat(JsonValues.array(o, "o")).isEmpty();
    assertThat(JsonValues.text(null, "s", "-")).isEqualTo("-");
  }

  @Test
  void noContentIsNoValueAsWithReadTree() throws IOException {
    assertThat(JsonValues.parse(new byte[0])).isNull();
    assertThat(JsonValues.parse(" \n".getBytes(UTF_8))).isNull();
  }

  @Test
  void aValueThatIsNoObjectGivesNoObject() throws IOException {
    assertThat(JsonValues.parseObject("[1]".getBytes(UTF_8))).isNull();
    assertThat(JsonValues.parseObject("\"s\"".getBytes(UTF_8))).isNull();
  }

  @Test
  void brokenJsonIsAnIoError() {
    for (String bad : List.of("{", "{\"a\":}", "[1,", "{\"a\" 1}", "nonsense")) {
      assertThatThrownBy(() -> JsonValues.parse(bad.getBytes(UTF_8)))
          .as(bad)
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void manifestFieldsComeThroughTheSameAsBefore() {
    String digest = "sha256:" + "a".repeat(64);
    String index =
        "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"m\",\"digest\":\""
            + digest
            + "\",\"size\":\"12\",\"platform\":{\"os\":\"linux\",\"architecture\":\"arm64\","
            + "\"variant\":\"v8\"}},{\"digest\":\""
            + digest
            + "\",\"size\":3}]}";
    ManifestJson.Tree tree = ManifestJson.tree(index.getBytes(UTF_8), "w: ");
    List<ManifestJson.Ref> refs = ManifestJson.manifests(tree, "w: ");
    assertThat(refs)
        .containsExactly(
            new ManifestJson.Ref(
                "m", digest, 12, new ManifestJson.PlatformFields("linux", "arm64", "v8")),
            new ManifestJson.Ref("", digest, 3, null));
    assertThat(tree.has("manifests")).isTrue();
    assertThatThrownBy(() -> ManifestJson.tree("{\"schemaVersion\":1}".getBytes(UTF_8), "w: "))
        .hasMessageContaining("schema 1");
    assertThatThrownBy(() -> ManifestJson.tree("[]".getBytes(UTF_8), "w: "))
        .hasMessage("w: manifest is not a JSON object");
    assertThatThrownBy(() -> ManifestJson.tree("{".getBytes(UTF_8), "w: "))
        .hasMessageStartingWith("w: manifest is not valid JSON");
    assertThatThrownBy(
            () ->
                ManifestJson.layers(
                    ManifestJson.tree(
                        "{\"layers\":[{\"digest\":\"sha256:1\",\"size\":1}]}".getBytes(UTF_8),
                        "w: "),
                    "w: "))
        .hasMessage("w: layer: missing or invalid digest/size");
    assertThat(
            Arrays.asList(
                ManifestJson.mediaType("{\"mediaType\":\"x\"}".getBytes(UTF_8)),
                ManifestJson.mediaType("nonsense".getBytes(UTF_8))))
        .containsExactly("x", "");
  }
}
