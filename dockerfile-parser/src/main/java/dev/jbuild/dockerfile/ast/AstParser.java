package dev.jbuild.dockerfile.ast;

import dev.jbuild.dockerfile.DockerfileException.Where;
import dev.jbuild.dockerfile.DockerfileSyntaxException;
import dev.jbuild.dockerfile.Heredoc;
import dev.jbuild.dockerfile.SourceRange;
import dev.jbuild.dockerfile.Warning;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Dockerfile text to AST nodes with line ranges, following BuildKit's line scanner: directives,
 * continuation lines, comments inside continuations, heredoc bodies, BOM, 64 KiB lines.
 */
public final class AstParser {
  static final int MAX_LINE_BYTES = 65535;

  private final String file;
  private final List<String> lines;
  private final Directives directives = new Directives();
  private final List<AstNode> nodes = new ArrayList<>();
  private final List<Warning> warnings = new ArrayList<>();
  private int next;
  private int currentLine;

  /** The parsed file: nodes, directives, the escape token and warnings. */
  public record Result(
      List<AstNode> nodes, Map<String, String> directives, char escape, List<Warning> warnings) {
    public String dump() {
      return AstNode.dumpAll(nodes);
    }
  }

  private AstParser(String file, String text) {
    this.file = file;
    this.lines = splitKeepingEndings(text);
  }

  public static Result parse(String file, String text) throws DockerfileSyntaxException {
    return new AstParser(file, text).run();
  }

  private Result run() throws DockerfileSyntaxException {
    while (next < lines.size()) {
      String raw = read();
      if (currentLine == 0 && raw.startsWith("\uFEFF")) {
        raw = raw.substring(1);
      }
      String token = GoText.trimLeftSpace(trimNewline(raw));
      offerDirective(token, currentLine + 1);
      currentLine++;
      logicalLine(isComment(token) ? "" : token);
    }
    if (nodes.isEmpty()) {
      throw new DockerfileSyntaxException(
              "file with no instructions", "a Dockerfile needs at least a FROM instruction")
          .at(new Where(file, Math.max(1, currentLine), 0, ""));
    }
    return new Result(
        List.copyOf(nodes), directives.values(), directives.escape(), List.copyOf(warnings));
  }

  private void logicalLine(String first) throws DockerfileSyntaxException {
    int startLine = currentLine;
    String stripped = directives.stripContinuation(first);
    if (stripped == null && first.isEmpty()) {
      return;
    }
    StringBuilder buf = new StringBuilder(stripped == null ? first : stripped);
    boolean emptyContinuation = false;
    while (stripped != null && next < lines.size()) {
      String raw = read();
      String token = trimNewline(raw);
      offerDirective(token, currentLine + 1);
      currentLine++;
      if (isComment(token)) {
        continue;
      }
      if (GoText.trimLeftSpace(token).isEmpty()) {
        emptyContinuation = true;
        continue;
      }
      stripped = directives.stripContinuation(token);
      buf.append(stripped == null ? token : stripped);
    }
    String line = buf.toString();
    if (emptyContinuation) {
      warnings.add(
          new Warning(
              "Empty continuation line found in: " + line,
              new SourceRange(currentLine, currentLine)));
    }
    AstNode node = located(() -> LineParsers.nodeFromLine(line, directives.escape()), startLine);
    if (canContainHeredoc(node) && line.contains("<<")) {
      List<Heredoc> docs = located(() -> HeredocWords.fromLine(line), startLine);
      node = node.withHeredocs(readHeredocBodies(docs, startLine));
    }
    nodes.add(node.withLines(startLine, currentLine));
  }

  private List<Heredoc> readHeredocBodies(List<Heredoc> docs, int startLine)
      throws DockerfileSyntaxException {
    List<Heredoc> out = new ArrayList<>();
    for (Heredoc doc : docs) {
      StringBuilder content = new StringBuilder();
      boolean terminated = false;
      while (next < lines.size()) {
        String raw = read();
        currentLine++;
        String candidate = trimNewline(raw);
        if (doc.chomp()) {
          candidate = candidate.replaceFirst("^\t+", "");
        }
        if (candidate.equals(doc.name())) {
          terminated = true;
          break;
        }
        content.append(raw);
      }
      if (!terminated) {
        throw new DockerfileSyntaxException(
                "unterminated heredoc",
                "end the heredoc with a line containing only '" + doc.name() + "'")
            .at(where(startLine));
      }
      out.add(
          new Heredoc(
              doc.name(), doc.fileDescriptor(), doc.expand(), doc.chomp(), content.toString()));
    }
    return List.copyOf(out);
  }

  private static boolean canContainHeredoc(AstNode node) {
    AstNode target = node;
    if (node.keyword().equalsIgnoreCase("onbuild") && node.child() != null) {
      target = node.child();
    }
    String kw = target.keyword().toLowerCase(java.util.Locale.ROOT);
    return (kw.equals("run") || kw.equals("copy") || kw.equals("add")) && !target.json();
  }

  private interface Step<T> {
    T get() throws DockerfileSyntaxException;
  }

  private <T> T located(Step<T> step, int startLine) throws DockerfileSyntaxException {
    try {
      return step.get();
    } catch (DockerfileSyntaxException e) {
      throw e.at(where(startLine));
    }
  }

  private void offerDirective(String token, int line) throws DockerfileSyntaxException {
    try {
      directives.offer(token);
    } catch (DockerfileSyntaxException e) {
      throw e.at(where(line));
    }
  }

  private Where where(int line) {
    String source = line >= 1 && line <= lines.size() ? trimNewline(lines.get(line - 1)) : "";
    return new Where(file, line, 1, source);
  }

  private String read() throws DockerfileSyntaxException {
    String raw = lines.get(next++);
    int limit = raw.endsWith("\n") ? MAX_LINE_BYTES + 1 : MAX_LINE_BYTES;
    if (raw.length() > limit / 3 && raw.getBytes(StandardCharsets.UTF_8).length > limit) {
      throw new DockerfileSyntaxException(
              "dockerfile line greater than max allowed size of " + MAX_LINE_BYTES,
              "split the line with '\\' continuations")
          .at(new Where(file, next, 0, ""));
    }
    return raw;
  }

  static boolean isComment(String line) {
    return GoText.trimLeftSpace(line).startsWith("#");
  }

  static String trimNewline(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
      end--;
    }
    return s.substring(0, end);
  }

  static List<String> splitKeepingEndings(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl + 1;
      out.add(text.substring(start, end));
      start = end;
    }
    return out;
  }
}
