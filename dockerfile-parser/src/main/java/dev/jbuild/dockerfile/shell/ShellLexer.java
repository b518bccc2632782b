package dev.jbuild.dockerfile.shell;

import dev.jbuild.dockerfile.ExpansionException;
import dev.jbuild.dockerfile.ast.GoText;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Shell-word lexer with BuildKit's semantics: quotes, escapes, {@code $v}/{@code ${v...}} expansion
 * and word splitting after expansion. Immutable; each call keeps its own state.
 */
public final class ShellLexer {
  private static final int MAX_NESTING = 500;

  private final int escape;
  private final boolean rawQuotes;
  private final boolean rawEscapes;
  private final boolean skipProcessQuotes;
  private final boolean skipUnsetEnv;

  /** The expanded word and its split into words. */
  public record Result(String word, List<String> words) {}

  /** Options mirror BuildKit's {@code Lex} fields of the same names. */
  public ShellLexer(
      int escape,
      boolean rawQuotes,
      boolean rawEscapes,
      boolean skipProcessQuotes,
      boolean skipUnsetEnv) {
    this.escape = escape;
    this.rawQuotes = rawQuotes;
    this.rawEscapes = rawEscapes;
    this.skipProcessQuotes = skipProcessQuotes;
    this.skipUnsetEnv = skipUnsetEnv;
  }

  /** A plain lexer: quotes removed, escapes processed, unset variables empty. */
  public static ShellLexer standard(int escape) {
    return new ShellLexer(escape, false, false, false, false);
  }

  /** Expands {@code input}; {@code env} returns null for unset names. */
  public Result process(String input, Function<String, @Nullable String> env)
      throws ExpansionException {
    Scan scan = new Scan(input.codePoints().toArray(), env, rawEscapes);
    try {
      return scan.processStopOn(-1, rawEscapes);
    } catch (ExpansionException e) {
      throw new ExpansionException(
          "failed to process " + GoText.quote(input) + ": " + e.detail(),
          "check the quoting and ${...} syntax of this word");
    }
  }

  /** Expands and returns the single resulting string (spaces kept). */
  public String processWord(String input, Function<String, @Nullable String> env)
      throws ExpansionException {
    return process(input, env).word();
  }

  /** Expands and splits into words. */
  public List<String> processWords(String input, Function<String, @Nullable String> env)
      throws ExpansionException {
    return process(input, env).words();
  }

  private static final class Words {
    private final StringBuilder word = new StringBuilder();
    private final List<String> words = new ArrayList<>();
    private boolean inWord;

    void addChar(int ch) {
      if (GoText.isSpace(ch) && inWord) {
        if (word.length() != 0) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else if (!GoText.isSpace(ch)) {
        addRawChar(ch);
      }
    }

    void addRawChar(int ch) {
      word.appendCodePoint(ch);
      inWord = true;
    }

    void addString(String s) {
      s.codePoints().forEach(this::addChar);
    }

    void addRawString(String s) {
      word.append(s);
      inWord = true;
    }

    List<String> get() {
      if (word.length() > 0) {
        words.add(word.toString());
        word.setLength(0);
        inWord = false;
      }
      return words;
    }
  }

  private final class Scan {
    private final int[] cps;
    private final Function<String, @Nullable String> env;
    private int pos;
    private boolean raw;
    private int depth;

    Scan(int[] cps, Function<String, @Nullable String> env, boolean raw) {
      this.cps = cps;
      this.env = env;
      this.raw = raw;
    }

    int peek() {
      return pos < cps.length ? cps[pos] : -1;
    }

    int next() {
      return pos < cps.length ? cps[pos++] : -1;
    }

    Result processStopOn(int stop, boolean rawEsc) throws ExpansionException {
      if (++depth > MAX_NESTING) {
        throw new ExpansionException("syntax error: substitutions nested too deeply");
      }
      boolean saved = raw;
      raw = rawEsc;
      try {
        return loop(stop);
      } finally {
        raw = saved;
        depth--;
      }
    }

    private Result loop(int stop) throws ExpansionException {
      StringBuilder result = new StringBuilder();
      Words words = new Words();
      while (peek() != -1) {
        int ch = peek();
        if (stop != -1 && ch == stop) {
          next();
          return new Result(result.toString(), words.get());
        }
        if (ch == '$') {
          String tmp = processDollar();
          result.append(tmp);
          words.addString(tmp);
        } else if (!skipProcessQuotes && (ch == '\'' || ch == '"')) {
          String tmp = ch == '\'' ? processSingleQuote() : processDoubleQuote();
          result.append(tmp);
          words.addRawString(tmp);
        } else {
          ch = next();
          if (ch == escape) {
            if (raw) {
              words.addRawChar(ch);
              result.appendCodePoint(ch);
            }
            ch = next();
            if (ch == -1) {
              break;
            }
            words.addRawChar(ch);
          } else {
            words.addChar(ch);
          }
          result.appendCodePoint(ch);
        }
      }
      if (stop != -1) {
        throw new ExpansionException(
            "unexpected end of statement while looking for matching " + Character.toString(stop));
      }
      return new Result(result.toString(), words.get());
    }

    private String processSingleQuote() throws ExpansionException {
      StringBuilder result = new StringBuilder();
      int ch = next();
      if (rawQuotes) {
        result.appendCodePoint(ch);
      }
      while (true) {
        ch = next();
        if (ch == -1) {
          throw new ExpansionException(
              "unexpected end of statement while looking for matching single-quote");
        }
        if (ch == '\'') {
          if (rawQuotes) {
            result.appendCodePoint(ch);
          }
          return result.toString();
        }
        result.appendCodePoint(ch);
      }
    }

    private String processDoubleQuote() throws ExpansionException {
      StringBuilder result = new StringBuilder();
      int ch = next();
      if (rawQuotes) {
        result.appendCodePoint(ch);
      }
      while (true) {
        int p = peek();
        if (p == -1) {
          throw new ExpansionException(
              "unexpected end of statement while looking for matching double-quote");
        } else if (p == '"') {
          next();
          if (rawQuotes) {
            result.append('"');
          }
          return result.toString();
        } else if (p == '$') {
          result.append(processDollar());
        } else {
          ch = next();
          if (ch == escape) {
            if (raw) {
              result.appendCodePoint(ch);
            }
            int after = peek();
            if (after == -1) {
              continue;
            }
            if (after == '"' || after == '$' || after == escape) {
              ch = next();
            }
          }
          result.appendCodePoint(ch);
        }
      }
    }

    private String processDollar() throws ExpansionException {
      next();
      if (peek() != '{') {
        String name = processName();
        if (name.isEmpty()) {
          return "$";
        }
        String value = env.apply(name);
        if (value == null) {
          return skipUnsetEnv ? "$" + name : "";
        }
        return value;
      }
      next();
      int p = peek();
      if (p == -1) {
        throw new ExpansionException("syntax error: missing '}'");
      }
      if (p == '{' || p == '}' || p == ':') {
        throw new ExpansionException("syntax error: bad substitution");
      }
      String name = processName();
      int ch = next();
      if (ch == '}') {
        String value = env.apply(name);
        if (value == null) {
          return skipUnsetEnv ? "${" + name + "}" : "";
        }
        return value;
      }
      if (ch == '/') {
        return substitute(name);
      }
      boolean nullIsUnset = false;
      String chs = ch == -1 ? "" : Character.toString(ch);
      if (ch == ':') {
        nullIsUnset = true;
        ch = next();
        chs += ch == -1 ? "" : Character.toString(ch);
      } else if (ch != '+' && ch != '-' && ch != '?' && ch != '#' && ch != '%') {
        throw new ExpansionException("unsupported modifier (" + chs + ") in substitution");
      }
      return modifier(name, ch, chs, nullIsUnset);
    }

    private String modifier(String name, int ch, String chs, boolean nullIsUnset)
        throws ExpansionException {
      String word = stopOrMissing('}', ch == '#' || ch == '%', "syntax error: missing '}'");
      String value = env.apply(name);
      boolean set = value != null;
      if (skipUnsetEnv && !set) {
        return "${" + name + chs + word + "}";
      }
      String v = value == null ? "" : value;
      boolean empty = !set || (nullIsUnset && v.isEmpty());
      switch (ch) {
        case '-':
          return empty ? word : v;
        case '+':
          return empty ? "" : word;
        case '?':
          if (!set) {
            throw new ExpansionException(
                name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
          }
          if (nullIsUnset && v.isEmpty()) {
            throw new ExpansionException(
                name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
          }
          return v;
        case '%':
        case '#':
          boolean greedy = !word.isEmpty() && word.charAt(0) == ch;
          String pattern = greedy ? word.substring(1) : word;
          return ch == '%'
              ? ShellPatterns.trimSuffix(pattern, v, greedy)
              : ShellPatterns.trimPrefix(pattern, v, greedy);
        default:
          throw new ExpansionException("unsupported modifier (" + chs + ") in substitution");
      }
    }

    private String substitute(String name) throws ExpansionException {
      boolean all = peek() == '/';
      if (all) {
        next();
      }
      String pattern = stopOrMissing('/', true, "syntax error: missing '/' in ${}");
      String replacement = stopOrMissing('}', true, "syntax error: missing '}'");
      String value = env.apply(name);
      if (value == null && skipUnsetEnv) {
        return "${" + name + "/" + pattern + "/" + replacement + "}";
      }
      return ShellPatterns.replace(value == null ? "" : value, pattern, replacement, all);
    }

    private String stopOrMissing(int stop, boolean rawEsc, String missing)
        throws ExpansionException {
      try {
        return processStopOn(stop, rawEsc).word();
      } catch (ExpansionException e) {
        if (peek() == -1) {
          throw new ExpansionException(missing);
        }
        throw e;
      }
    }

    private String processName() {
      StringBuilder name = new StringBuilder();
      while (peek() != -1) {
        int ch = peek();
        if (name.length() == 0 && Character.isDigit(ch)) {
          while (peek() != -1 && Character.isDigit(peek())) {
            name.appendCodePoint(next());
          }
          return name.toString();
        }
        if (name.length() == 0 && isSpecialParam(ch)) {
          return Character.toString(next());
        }
        if (!Character.isLetter(ch) && !Character.isDigit(ch) && ch != '_') {
          break;
        }
        name.appendCodePoint(next());
      }
      return name.toString();
    }
  }

  private static boolean isSpecialParam(int ch) {
    return ch == '@' || ch == '*' || ch == '#' || ch == '?' || ch == '-' || ch == '$' || ch == '!'
        || ch == '0';
  }
}
