package dev.jbuild.image;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON for the image model, written the way Go's encoding/json writes it (struct fields in a fixed
 * order, map keys sorted, {@code < > &} escaped, RFC 3339 times without trailing zeros), so that
 * the same value always gives the same bytes and the same digest.
 */
public final class ImageJson {
  private static final ObjectMapper MAPPER = newMapper();

  private ImageJson() {}

  /** Canonical compact JSON bytes of a model value. */
  public static byte[] canonicalBytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("[internal error] cannot serialize " + value, e);
    }
  }

  /** Parses {@code json} as {@code type}; bad input → {@link ImageFormatException} naming what. */
  public static <T> T read(byte[] json, Class<T> type, String what) {
    try {
      T v = MAPPER.readValue(json, type);
      if (v == null) {
        throw new ImageFormatException(what + ": empty JSON document");
      }
      return v;
    } catch (IOException e) {
      throw new ImageFormatException(what + ": invalid JSON: " + firstLine(e.getMessage()), e);
    } catch (IllegalArgumentException e) {
      throw new ImageFormatException(what + ": " + firstLine(e.getMessage()), e);
    }
  }

  public static ImageManifest readManifest(byte[] json) {
    return read(json, ImageManifest.class, "image manifest");
  }

  public static ImageIndex readIndex(byte[] json) {
    return read(json, ImageIndex.class, "image index");
  }

  public static ImageConfig readConfig(byte[] json) {
    return read(json, ImageConfig.class, "image config");
  }

  /**
   * Parses a manifest or an index, deciding by {@code mediaType} (or, when it is absent, by whether
   * the document has {@code manifests}).
   */
  public static ManifestDocument readManifestDocument(byte[] json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new ImageFormatException("manifest: invalid JSON: " + firstLine(e.getMessage()), e);
    }
    if (node == null || !node.isObject()) {
      throw new ImageFormatException("manifest: expected a JSON object");
    }
    String mediaType = node.path("mediaType").asText("");
    if (MediaTypes.isIndex(mediaType) || (mediaType.isEmpty() && node.has("manifests"))) {
      return readIndex(json);
    }
    if (MediaTypes.isManifest(mediaType) || (mediaType.isEmpty() && node.has("layers"))) {
      return readManifest(json);
    }
    throw new ImageFormatException(
        "manifest: unsupported media type \"" + mediaType + "\" (expected OCI or Docker schema 2)");
  }

  static <V> Map<String, V> sortedCopy(Map<String, V> map) {
    return Collections.unmodifiableMap(new TreeMap<>(map));
  }

  private static String firstLine(@org.jspecify.annotations.Nullable String s) {
    if (s == null) {
      return "unknown error";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static ObjectMapper newMapper() {
    SimpleModule times = new SimpleModule("jbuild-time");
    times.addSerializer(Instant.class, new InstantSerializer());
    times.addDeserializer(Instant.class, new InstantDeserializer());
    JsonMapper mapper =
        JsonMapper.builder()
            .addModule(times)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
            .build();
    mapper.getFactory().setCharacterEscapes(new GoEscapes());
    return mapper;
  }

  /** Go's json.Marshal escapes {@code < > &} and U+2028/U+2029 with lowercase hex. */
  private static final class GoEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii = standardAsciiEscapesForJSON();

    GoEscapes() {
      ascii['<'] = ESCAPE_CUSTOM;
      ascii['>'] = ESCAPE_CUSTOM;
      ascii['&'] = ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii.clone();
    }

    @Override
    public @org.jspecify.annotations.Nullable SerializableString getEscapeSequence(int ch) {
      if (ch == '<' || ch == '>' || ch == '&' || ch == 0x2028 || ch == 0x2029) {
        return new SerializedString(String.format("\\u%04x", ch));
      }
      return null;
    }
  }

  private static final class InstantSerializer extends JsonSerializer<Instant> {
    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider p)
        throws IOException {
      gen.writeString(Rfc3339.format(value));
    }
  }

  private static final class InstantDeserializer extends JsonDeserializer<Instant> {
    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      String text = p.getValueAsString();
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        throw new ImageFormatException("invalid time \"" + text + "\": expected RFC 3339", e);
      }
    }
  }
}
