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
    List<String> lines = List.of(text.split("\n", -1));
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

  /**
   * Parses the ONBUILD triggers stored in a base image's config ({@code config.OnBuild}); they run
   * first in a stage built FROM that image.
   *
   * @throws InvalidInstructionException a trigger is malformed or not allowed as a trigger
   */
  public static List<Instruction> parseTriggers(String image, List<String> triggers)
      throws DockerfileException {
    List<Instruction> out = new ArrayList<>();
    String file = "ONBUILD of " + image;
    for (int i = 0; i < triggers.size(); i++) {
      String trigger = triggers.get(i);
      List<Instruction> parsed = parse(file, "ONBUILD " + trigger).instructions();
      Instruction only = parsed.get(0);
      if (parsed.size() != 1 || !(only instanceof Instruction.Onbuild ob)) {
        throw new InvalidInstructionException(
                "ONBUILD trigger " + (i + 1) + " is not a single instruction: " + trigger,
                "the base image " + image + " carries a malformed ONBUILD trigger")
            .at(new Where(file, i + 1, 1, trigger));
      }
      out.add(ob.trigger());
    }
    return List.copyOf(out);
  }

  /** The AST in BuildKit's reference dump format, as in its {@code parser} test results. */
  public String dump() {
    return astDump;
  }

  static Where where(String file, List<String> lines, int line, String detail) {
    String source = line >= 1 && line <= lines.size() ? lines.get(line - 1) : "";
    if (source.endsWith("\r")) {
      source = source.substring(0, source.length() - 1);
    }
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
    if (detail.contains("mount")) {
      return "--mount";
    }
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
