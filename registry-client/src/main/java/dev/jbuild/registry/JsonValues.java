package dev.jbuild.registry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * JSON read into plain values with jackson-core's streaming parser: objects as {@code Map}, arrays
 * as {@code List}, strings, numbers, booleans and null. A pull reads a handful of fields from a
 * manifest or a token answer; building databind's {@code ObjectMapper} for that cost ~65 ms of
 * every pull's start-up (measured here); a first streaming parse costs ~10 ms.
 */
final class JsonValues {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonValues() {}

  /**
   * The value {@code bytes} hold, null for no content at all; as with databind's readTree, what
   * follows the first value is ignored.
   */
  static @Nullable Object parse(byte[] bytes) throws IOException {
    try (JsonParser p = FACTORY.createParser(bytes)) {
      JsonToken t = p.nextToken();
      return t == null ? null : value(p, t);
    }
  }

  /** The object {@code bytes} hold, or null if they hold another kind of value. */
  static @Nullable Map<String, @Nullable Object> parseObject(byte[] bytes) throws IOException {
    return object(parse(bytes));
  }

  private static @Nullable Object value(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT:
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        for (JsonToken k = p.nextToken(); k == JsonToken.FIELD_NAME; k = p.nextToken()) {
          String name = p.currentName();
          m.put(name, value(p, p.nextToken()));
        }
        return m;
      case START_ARRAY:
        List<@Nullable Object> l = new ArrayList<>();
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
          l.add(value(p, e));
        }
        return l;
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return p.getNumberValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new JsonParseException(p, "unexpected " + t);
    }
  }

  /** {@code v} as an object, or null if it is not one. */
  @SuppressWarnings("unchecked")
  static @Nullable Map<String, @Nullable Object> object(@Nullable Object v) {
    return v instanceof Map<?, ?> ? (Map<String, @Nullable Object>) v : null;
  }

  /** Member {@code key} of {@code o} as an object, or null if it is none. */
  static @Nullable Map<String, @Nullable Object> object(
      @Nullable Map<String, @Nullable Object> o, String key) {
    return o == null ? null : object(o.get(key));
  }

  /** The members of array {@code key} of {@code o}; empty if there is none. */
  static List<@Nullable Object> array(@Nullable Map<String, @Nullable Object> o, String key) {
    Object v = o == null ? null : o.get(key);
    if (v instanceof List<?> l) {
      return new ArrayList<>(l);
    }
    return List.of();
  }

  /** Member {@code key} of {@code o} as text (a number as its digits), or {@code otherwise}. */
  static String text(@Nullable Map<String, @Nullable Object> o, String key, String otherwise) {
    Object v = o == null ? null : o.get(key);
    if (v instanceof String s) {
      return s;
    }
    return v instanceof Number || v instanceof Boolean ? v.toString() : otherwise;
  }

  /** Member {@code key} of {@code o} as a whole number (also from text), or {@code otherwise}. */
  static long number(@Nullable Map<String, @Nullable Object> o, String key, long otherwise) {
    Object v = o == null ? null : o.get(key);
    if (v instanceof Number n) {
      return n.longValue();
    }
    if (v instanceof String s) {
      try {
        return Long.parseLong(s.strip());
      } catch (NumberFormatException e) {
        return otherwise;
      }
    }
    return otherwise;
  }
}
