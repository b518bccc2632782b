package dev.jbuild.dockerfile.ast;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads the exec form {@code ["a", "b"]} the way Go's {@code encoding/json} does: invalid JSON
 * means "not exec form" (null), valid JSON with a non-string element is an error. Iterative, so
 * deep nesting cannot overflow the stack.
 */
final class JsonArray {
  /** Valid JSON array whose elements are not all strings. */
  static final class NotStringArray extends Exception {
    private static final long serialVersionUID = 1L;
  }

  private static final int MAX_DEPTH = 10000;

  private final String s;
  private int pos;

  private JsonArray(String s) {
    this.s = s;
  }

  /** The strings of a JSON array, or null when {@code text} is not valid JSON. */
  static @Nullable List<String> parse(String text) throws NotStringArray {
    return new JsonArray(text).top();
  }

  private @Nullable List<String> top() throws NotStringArray {
    List<String> strings = new ArrayList<>();
    boolean allStrings = true;
    skipWs();
    if (!eat('[')) {
      return null;
    }
    skipWs();
    if (!eat(']')) {
      while (true) {
        skipWs();
        if (peek() == '"') {
          String str = string();
          if (str == null) {
            return null;
          }
          strings.add(str);
        } else {
          allStrings = false;
          if (!value()) {
            return null;
          }
        }
        skipWs();
        if (eat(']')) {
          break;
        }
        if (!eat(',')) {
          return null;
        }
      }
    }
    skipWs();
    if (pos != s.length()) {
      return null;
    }
    if (!allStrings) {
      throw new NotStringArray();
    }
    return strings;
  }

  /** Validates one JSON value of any kind; containers are walked with an explicit stack. */
  private boolean value() {
    Deque<Character> stack = new ArrayDeque<>();
    while (true) {
      skipWs();
      if (!scalarOrOpen(stack)) {
        return false;
      }
      while (true) {
        if (stack.isEmpty()) {
          return true;
        }
        skipWs();
        char close = stack.peek() == '[' ? ']' : '}';
        if (eat(close)) {
          stack.pop();
          continue;
        }
        if (!eat(',')) {
          return false;
        }
        if (stack.peek() == '{' && !member()) {
          return false;
        }
        break;
      }
    }
  }

  /** Reads a scalar, or opens containers until a scalar (an empty container counts as one). */
  private boolean scalarOrOpen(Deque<Character> stack) {
    while (true) {
      int c = peek();
      if (c != '[' && c != '{') {
        break;
      }
      pos++;
      skipWs();
      if (eat(c == '[' ? ']' : '}')) {
        return true;
      }
      if (stack.size() >= MAX_DEPTH) {
        return false;
      }
      stack.push((char) c);
      if (c == '{' && !member()) {
        return false;
      }
      skipWs();
    }
    if (peek() == '"') {
      return string() != null;
    }
    return literal("true") || literal("false") || literal("null") || number();
  }

  private boolean member() {
    skipWs();
    if (peek() != '"' || string() == null) {
      return false;
    }
    skipWs();
    if (!eat(':')) {
      return false;
    }
    skipWs();
    return true;
  }

  private @Nullable String string() {
    pos++;
    StringBuilder out = new StringBuilder();
    while (pos < s.length()) {
      char c = s.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        return null;
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (pos >= s.length()) {
        return null;
      }
      char e = s.charAt(pos++);
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (!unicodeEscape(out)) {
            return null;
          }
        }
        default -> {
          return null;
        }
      }
    }
    return null;
  }

  private boolean unicodeEscape(StringBuilder out) {
    int first = hex4();
    if (first < 0) {
      return false;
    }
    if (Character.isHighSurrogate((char) first)) {
      int save = pos;
      if (eat('\\') && eat('u')) {
        int second = hex4();
        if (second >= 0 && Character.isLowSurrogate((char) second)) {
          out.append((char) first).append((char) second);
          return true;
        }
      }
      pos = save;
      out.append('\uFFFD');
    } else if (Character.isLowSurrogate((char) first)) {
      out.append('\uFFFD');
    } else {
      out.append((char) first);
    }
    return true;
  }

  private int hex4() {
    if (pos + 4 > s.length()) {
      return -1;
    }
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int d = Character.digit(s.charAt(pos + i), 16);
      if (d < 0 || s.charAt(pos + i) > 'f') {
        return -1;
      }
      v = v * 16 + d;
    }
    pos += 4;
    return v;
  }

  private boolean number() {
    int start = pos;
    eat('-');
    if (eat('0')) {
      // no leading zeros
    } else if (!digits()) {
      pos = start;
      return false;
    }
    if (eat('.') && !digits()) {
      return false;
    }
    if (eat('e') || eat('E')) {
      if (!eat('+')) {
        eat('-');
      }
      return digits();
    }
    return true;
  }

  private boolean digits() {
    int start = pos;
    while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
      pos++;
    }
    return pos > start;
  }

  private boolean literal(String word) {
    if (s.startsWith(word, pos)) {
      pos += word.length();
      return true;
    }
    return false;
  }

  private int peek() {
    return pos < s.length() ? s.charAt(pos) : -1;
  }

  private boolean eat(int c) {
    if (peek() == c) {
      pos++;
      return true;
    }
    return false;
  }

  private void skipWs() {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }
}
