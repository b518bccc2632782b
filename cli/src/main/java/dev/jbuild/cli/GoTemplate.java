package dev.jbuild.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The subset of Go's text/template that {@code docker inspect --format} users write: literal text
 * and actions {@code {{.A.B}}}, {@code {{json .A}}} and {@code {{index .A "key"}}} over a JSON
 * tree. Values print as Go prints them: lists as {@code [a b]}, maps as {@code map[k:v]}, a missing
 * map key as {@code <no value>}.
 */
final class GoTemplate {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<Part> parts;
  private final String text;

  private sealed interface Part permits Literal, Action {}

  private record Literal(String text) implements Part {}

  private record Action(
      String function, List<String> path, @org.jspecify.annotations.Nullable String key)
      implements Part {}

  private GoTemplate(String text, List<Part> parts) {
    this.text = text;
    this.parts = parts;
  }

  /** Parses {@code text}; a malformed action is a {@link UsageError} naming it. */
  static GoTemplate parse(String text) {
    List<Part> parts = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int open = text.indexOf("{{", i);
      if (open < 0) {
        parts.add(new Literal(text.substring(i)));
        break;
      }
      parts.add(new Literal(text.substring(i, open)));
      int close = text.indexOf("}}", open);
      if (close < 0) {
        throw new UsageError("--format " + quote(text) + ": unclosed action (missing \"}}\")");
      }
      parts.add(action(text, text.substring(open + 2, close).strip()));
      i = close + 2;
    }
    return new GoTemplate(text, List.copyOf(parts));
  }

  private static Action action(String template, String body) {
    String[] words = body.split("\\s+");
    if (words.length == 1) {
      return new Action("", path(template, words[0]), null);
    }
    if (words.length == 2 && words[0].equals("json")) {
      return new Action("json", path(template, words[1]), null);
    }
    if (words.length == 3 && words[0].equals("index") && words[2].matches("\"[^\"]*\"")) {
      String key = words[2].substring(1, words[2].length() - 1);
      return new Action("index", path(template, words[1]), key);
    }
    throw new UsageError(
        "--format "
            + quote(template)
            + ": unsupported action {{"
            + body
            + "}}; use {{.Field.Sub}}, {{json .Field}} or {{index .Field \"key\"}}");
  }

  private static List<String> path(String template, String word) {
    if (word.equals(".")) {
      return List.of();
    }
    if (!word.matches("(\\.[A-Za-z_][A-Za-z0-9_]*)+")) {
      throw new UsageError(
          "--format "
              + quote(template)
              + ": \""
              + word
              + "\" is not a field path like .Config.Env");
    }
    return List.of(word.substring(1).split("\\."));
  }

  /** Renders the template over {@code root}. */
  String render(JsonNode root) {
    StringBuilder out = new StringBuilder();
    for (Part p : parts) {
      if (p instanceof Literal l) {
        out.append(l.text());
      } else if (p instanceof Action a) {
        out.append(evaluate(a, root));
      }
    }
    return out.toString();
  }

  private String evaluate(Action a, JsonNode root) {
    JsonNode v = root;
    for (String field : a.path()) {
      if (v == null || v.isNull()) {
        return "<no value>";
      }
      if (!v.isObject()) {
        throw new UserError(
            "--format " + quote(text) + ": cannot read field " + field + " of a " + kind(v));
      }
      v = v.get(field);
    }
    String key = a.key();
    if (key != null && v != null && v.isObject()) {
      v = v.get(key);
    } else if (key != null && v != null && !v.isNull()) {
      throw new UserError("--format " + quote(text) + ": cannot index a " + kind(v));
    }
    if (a.function().equals("json")) {
      return json(v);
    }
    return v == null ? "<no value>" : goString(v);
  }

  private static String json(@org.jspecify.annotations.Nullable JsonNode v) {
    try {
      return v == null ? "null" : JSON.writeValueAsString(v);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Formats as Go's fmt %v does for the decoded JSON value. */
  static String goString(JsonNode v) {
    if (v.isNull() || v.isMissingNode()) {
      return "<nil>";
    }
    if (v.isTextual()) {
      return v.asText();
    }
    if (v.isArray()) {
      List<String> items = new ArrayList<>();
      v.forEach(e -> items.add(goString(e)));
      return "[" + String.join(" ", items) + "]";
    }
    if (v.isObject()) {
      Map<String, String> sorted = new TreeMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = v.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        sorted.put(f.getKey(), goString(f.getValue()));
      }
      List<String> items = new ArrayList<>();
      sorted.forEach((k, s) -> items.add(k + ":" + s));
      return "map[" + String.join(" ", items) + "]";
    }
    return v.asText();
  }

  private static String kind(JsonNode v) {
    return v.isArray() ? "list" : v.isTextual() ? "string" : v.getNodeType().name().toLowerCase();
  }

  private static String quote(String s) {
    return "\"" + s + "\"";
  }
}
