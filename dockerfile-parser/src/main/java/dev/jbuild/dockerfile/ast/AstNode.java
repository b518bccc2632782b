package dev.jbuild.dockerfile.ast;

import dev.jbuild.dockerfile.Heredoc;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One instruction as the generic parser sees it: keyword as written, builder flags, raw arguments
 * (ENV/LABEL as key, value, separator triples), and the ONBUILD trigger as a child.
 *
 * @param json whether the arguments were written as a JSON array (exec form)
 * @param original the logical line after joining continuations
 */
public record AstNode(
    String keyword,
    List<String> flags,
    List<String> args,
    @Nullable AstNode child,
    boolean json,
    List<Heredoc> heredocs,
    String original,
    int startLine,
    int endLine) {

  AstNode withLines(int start, int end) {
    return new AstNode(keyword, flags, args, child, json, heredocs, original, start, end);
  }

  AstNode withHeredocs(List<Heredoc> docs) {
    return new AstNode(keyword, flags, args, child, json, docs, original, startLine, endLine);
  }

  /** The reference dump of this node, without the surrounding parentheses. */
  public String dump() {
    StringBuilder out = new StringBuilder(keyword.toLowerCase(Locale.ROOT));
    if (!flags.isEmpty()) {
      out.append(" [");
      for (int i = 0; i < flags.size(); i++) {
        out.append(i == 0 ? "" : " ").append(GoText.quote(flags.get(i)));
      }
      out.append(']');
    }
    if (child != null) {
      out.append(" (").append(child.dump()).append(')');
    }
    for (String arg : args) {
      out.append(' ').append(GoText.quote(arg));
    }
    return GoText.trimSpace(out.toString());
  }

  /** The reference dump of a whole file: one parenthesised node per line. */
  public static String dumpAll(List<AstNode> nodes) {
    StringBuilder out = new StringBuilder();
    for (AstNode node : nodes) {
      out.append('(').append(node.dump()).append(")\n");
    }
    return GoText.trimSpace(out.toString());
  }
}
