package dev.jbuild.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class NamesJsonTest {
  private static final Map<String, String> NAMES =
      Map.of(
          "docker.io/library/b:1", "sha256:" + "b".repeat(64),
          "localhost:5000/a\"q\\\u00e9/\u2028:x", "sha256:" + "a".repeat(64),
          "z", "sha256:" + "c".repeat(64));

  @Test
  void writesTheBytesDatabindWroteForTheSortedMap() throws IOException {
    byte[] databind = new ObjectMapper().writeValueAsBytes(new TreeMap<>(NAMES));
    assertThat(new String(NamesJson.format(NAMES), UTF_8)).isEqualTo(new String(databind, UTF_8));
  }

  @Test
  void readsBackWhatItWrote() throws IOException {
    assertThat(NamesJson.parse(NamesJson.format(NAMES))).isEqualTo(new TreeMap<>(NAMES));
    assertThat(NamesJson.parse("{}".getBytes(UTF_8))).isEmpty();
  }

  @Test
  void anythingButAnObjectOfStringsIsRefused() {
    for (String bad : new String[] {"", "[]", "{\"a\":1}", "{\"a\":{}}", "{\"a\":\"b\"", "x"}) {
      assertThatThrownBy(() -> NamesJson.parse(bad.getBytes(UTF_8)))
          .as(bad)
          .isInstanceOf(IOException.class);
    }
  }
}
