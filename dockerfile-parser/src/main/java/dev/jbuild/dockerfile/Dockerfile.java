package dev.jbuild.dockerfile;

import dev.jbuild.dockerfile.DockerfileException.Where;
import dev.jbuild.dockerfile.ast.AstNode;
import dev.jbuild.dockerfile.ast.AstParser;
import dev.jbuild.dockerfile.instructions.InstructionFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A parsed, validated Dockerfile: its typed instructions in order, parser directives, the escape
 * token, warnings, and the AST dump in BuildKit's reference format.
 *
 * @param file the name used in error messages (e.g. {@code Dockerfile})
 * @param directives lower-cased directive name to value ({@code syntax}, {@code escape}, {@code
 *     check})
 */
public record Dockerfile(
    String file,
    char escape,
    Map<String, String> directives,
    List<Instruction> instructions,
    List<Warning> warnings,
    String astDump) {

  /**
   * Parses and validates {@code text}.
   *
   * @throws DockerfileSyntaxException when the text is malformed
   * @throws InvalidInstructionException when an instruction is unknown or badly formed
   */
  public static Dockerfile parse(String file, String text) throws DockerfileException {
    AstParser.Result ast = AstParser.parse(file, text);
    List<String> lines = text.lines().toList();
    List<Instruction> out = new ArrayList<>();
    for (AstNode node : ast.nodes()) {
      try {
        out.add(InstructionFactory.create(node));
      } catch (InvalidInstructionException e) {
        throw e.at(where(file, lines, node.startLine(), e.detail()));
      }
    }
    return new Dockerfile(
        file, ast.escape(), ast.directives(), List.copyOf(out), ast.warnings(), ast.dump());
  }

  /** The stage-less view: the AST dump lines as in BuildKit's {@code parser} test results. */
  public String dump() {
    return astDump;
  }

  static Where where(String file, List<String> lines, int line, String detail) {
    String source = line >= 1 && line <= lines.size() ? lines.get(line - 1) : "";
    if (source.startsWith("\uFEFF")) {
      source = source.substring(1);
    }
    int column = 1;
    while (column <= source.length() && Character.isWhitespace(source.charAt(column - 1))) {
      column++;
    }
    String flag = flagIn(detail);
    if (flag != null && source.contains(flag)) {
      column = source.indexOf(flag) + 1;
    }
    return new Where(file, line, column, source);
  }

  private static @org.jspecify.annotations.Nullable String flagIn(String detail) {
    for (String prefix :
        List.of("unknown flag: ", "missing a value on flag: ", "duplicate flag specified: ")) {
      if (detail.startsWith(prefix)) {
        String rest = detail.substring(prefix.length());
        int space = rest.indexOf(' ');
        return "--" + (space < 0 ? rest : rest.substring(0, space));
      }
    }
    return null;
  }
}
