package dev.jbuild.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code images.json}, one JSON object of image name to manifest digest, read and written with
 * jackson-core's streaming API: databind's {@code ObjectMapper} cost every store-opening command
 * ~65 ms of start-up to build (measured here). The bytes written are those databind wrote for the
 * same sorted map (compact, no spaces), which the up-to-date check of a build reads.
 */
final class NamesJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private NamesJson() {}

  static TreeMap<String, String> parse(byte[] bytes) throws IOException {
    TreeMap<String, String> out = new TreeMap<>();
    try (JsonParser p = FACTORY.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new JsonParseException(p, "not a JSON object");
      }
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        if (p.nextToken() != JsonToken.VALUE_STRING) {
          throw new JsonParseException(p, "the digest of " + name + " is not a string");
        }
        out.put(name, p.getText());
      }
    }
    return out;
  }

  static byte[] format(Map<String, String> names) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator g = FACTORY.createGenerator(bytes)) {
      g.writeStartObject();
      for (Map.Entry<String, String> e : new TreeMap<>(names).entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
    }
    return bytes.toByteArray();
  }
}
