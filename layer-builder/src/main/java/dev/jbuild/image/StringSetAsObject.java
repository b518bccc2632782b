package dev.jbuild.image;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/** Docker's set encoding: {@code {"8080/tcp":{}}} ↔ a sorted set of keys. */
final class StringSetAsObject {
  private StringSetAsObject() {}

  static final class Serializer extends JsonSerializer<Set<String>> {
    @Override
    public void serialize(Set<String> value, JsonGenerator gen, SerializerProvider p)
        throws IOException {
      gen.writeStartObject();
      for (String key : new TreeSet<>(value)) {
        gen.writeFieldName(key);
        gen.writeStartObject();
        gen.writeEndObject();
      }
      gen.writeEndObject();
    }

    @Override
    public boolean isEmpty(SerializerProvider provider, Set<String> value) {
      return value.isEmpty();
    }
  }

  static final class Deserializer extends JsonDeserializer<Set<String>> {
    @Override
    public Set<String> deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      JsonNode node = p.readValueAsTree();
      Set<String> keys = new TreeSet<>();
      if (node != null && node.isObject()) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
          keys.add(it.next());
        }
      } else if (node != null && node.isArray()) {
        node.forEach(n -> keys.add(n.asText()));
      }
      return keys;
    }
  }
}
