package dev.jbuild.dockerfile.ast;

import dev.jbuild.dockerfile.DockerfileSyntaxException;
import dev.jbuild.dockerfile.ExpansionException;
import dev.jbuild.dockerfile.Heredoc;
import dev.jbuild.dockerfile.shell.ShellLexer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Finds heredoc words ({@code <<EOF}, {@code <<-"EOF"}, {@code 3<<EOF}) in a line. */
public final class HeredocWords {
  private static final Pattern HEREDOC = Pattern.compile("^(\\d*)<<(-?)([^<]*)$");
  private static final ShellLexer LINE = new ShellLexer('\\', true, true, false, true);
  private static final ShellLexer UNQUOTED = new ShellLexer('\\', false, false, false, true);
  private static final ShellLexer QUOTED = new ShellLexer('\\', true, false, false, true);

  private HeredocWords() {}

  static List<Heredoc> fromLine(String line) throws DockerfileSyntaxException {
    List<String> words;
    try {
      words = LINE.processWords(line, name -> null);
    } catch (ExpansionException e) {
      return List.of();
    }
    List<Heredoc> docs = new ArrayList<>();
    for (String word : words) {
      Heredoc doc = parse(word);
      if (doc != null) {
        docs.add(doc);
      }
    }
    return docs;
  }

  /** The heredoc a single word declares (without body), or null when it declares none. */
  public static @Nullable Heredoc parse(String word) throws DockerfileSyntaxException {
    Matcher m = HEREDOC.matcher(word);
    if (!m.matches() || m.group(3).isEmpty()) {
      return null;
    }
    String rest = m.group(3);
    try {
      List<String> plain = UNQUOTED.processWords(rest, name -> null);
      if (plain.size() != 1) {
        return null;
      }
      List<String> raw = QUOTED.processWords(rest, name -> null);
      if (raw.size() != plain.size()) {
        throw new DockerfileSyntaxException(
            "internal lexing of heredoc produced inconsistent results: " + rest);
      }
      boolean expand = quoteCount(plain.get(0)) == quoteCount(raw.get(0));
      return new Heredoc(plain.get(0), fd(m.group(1)), expand, m.group(2).equals("-"), "");
    } catch (ExpansionException e) {
      throw new DockerfileSyntaxException(e.detail(), "check the quoting of the heredoc word");
    }
  }

  private static int fd(String digits) {
    try {
      return digits.isEmpty() ? 0 : Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static long quoteCount(String s) {
    return s.chars().filter(c -> c == '\'' || c == '"').count();
  }
}
