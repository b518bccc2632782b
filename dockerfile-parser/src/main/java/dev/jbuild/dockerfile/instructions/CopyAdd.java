package dev.jbuild.dockerfile.instructions;

import dev.jbuild.dockerfile.DockerfileSyntaxException;
import dev.jbuild.dockerfile.Heredoc;
import dev.jbuild.dockerfile.InlineFile;
import dev.jbuild.dockerfile.Instruction;
import dev.jbuild.dockerfile.InvalidInstructionException;
import dev.jbuild.dockerfile.ast.HeredocWords;
import dev.jbuild.dockerfile.instructions.Flags.Kind;
import dev.jbuild.dockerfile.instructions.InstructionFactory.Request;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** COPY and ADD: sources (paths and heredoc files), destination and their flags. */
public final class CopyAdd {
  private static final Pattern OCTAL = Pattern.compile("^[0-7]{1,4}$");
  private static final Pattern SYMBOLIC =
      Pattern.compile("^([ugoa]*[-+=]([rwxXst]*|[ugo]))(,[ugoa]*[-+=]([rwxXst]*|[ugo]))*$");
  private static final Pattern CHECKSUM = Pattern.compile("^(sha256|sha384|sha512):[0-9a-f]+$");

  private CopyAdd() {}

  private record Parts(List<String> sources, List<InlineFile> files, String dest) {}

  static Instruction copy(Request req) throws InvalidInstructionException {
    Flags f =
        req.flags(
            "COPY",
            "from",
            Kind.STRING,
            "chown",
            Kind.STRING,
            "chmod",
            Kind.STRING,
            "link",
            Kind.BOOL,
            "parents",
            Kind.BOOL,
            "exclude",
            Kind.STRINGS);
    Parts p = parts(req, "COPY");
    String chmod = f.string("chmod");
    checkChmod(chmod);
    String from = f.string("from");
    return new Instruction.Copy(
        p.sources,
        p.files,
        p.dest,
        from == null || from.isEmpty() ? null : from,
        emptyToNull(f.string("chown")),
        emptyToNull(chmod),
        f.bool("link"),
        f.bool("parents"),
        f.strings("exclude"),
        req.loc,
        req.orig);
  }

  static Instruction add(Request req) throws InvalidInstructionException {
    Flags f =
        req.flags(
            "ADD",
            "chown",
            Kind.STRING,
            "chmod",
            Kind.STRING,
            "link",
            Kind.BOOL,
            "keep-git-dir",
            Kind.BOOL,
            "checksum",
            Kind.STRING,
            "unpack",
            Kind.BOOL,
            "exclude",
            Kind.STRINGS);
    Parts p = parts(req, "ADD");
    String chmod = f.string("chmod");
    checkChmod(chmod);
    String checksum = emptyToNull(f.string("checksum"));
    checkChecksum(checksum);
    return new Instruction.Add(
        p.sources,
        p.files,
        p.dest,
        emptyToNull(f.string("chown")),
        emptyToNull(chmod),
        f.bool("link"),
        f.bool("keep-git-dir"),
        checksum,
        f.optionalBool("unpack"),
        f.strings("exclude"),
        req.loc,
        req.orig);
  }

  /** Validates a chmod value (octal or symbolic); values with variables wait for expansion. */
  public static void checkChmod(@Nullable String chmod) throws InvalidInstructionException {
    if (chmod == null || chmod.isEmpty() || chmod.contains("$")) {
      return;
    }
    boolean valid =
        chmod.length() <= 64
            && (OCTAL.matcher(chmod).matches() || SYMBOLIC.matcher(chmod).matches());
    if (!valid) {
      throw new InvalidInstructionException(
          "invalid chmod parameter: " + chmod, "use octal (0755) or symbolic (u+x,go-w) modes");
    }
  }

  /** Validates an ADD --checksum value; values with variables wait for expansion. */
  public static void checkChecksum(@Nullable String checksum) throws InvalidInstructionException {
    if (checksum == null || checksum.contains("$")) {
      return;
    }
    if (checksum.length() > 200 || !CHECKSUM.matcher(checksum).matches()) {
      throw new InvalidInstructionException(
          "invalid checksum digest format: " + checksum, "use --checksum=sha256:<64 hex digits>");
    }
  }

  private static Parts parts(Request req, String keyword) throws InvalidInstructionException {
    List<String> a = req.args;
    if (a.size() < 2) {
      throw new InvalidInstructionException(
          keyword
              + " requires at least two arguments, but only one was provided. Destination could"
              + " not be determined.",
          "write " + keyword + " <src>... <dest>");
    }
    String dest = a.get(a.size() - 1);
    if (heredoc(dest) != null) {
      throw new InvalidInstructionException(
          keyword + " cannot accept a heredoc as a destination", "name a destination path last");
    }
    Map<String, Heredoc> bodies = new HashMap<>();
    for (Heredoc doc : req.node.heredocs()) {
      bodies.put(doc.name(), doc);
    }
    List<String> sources = new ArrayList<>();
    List<InlineFile> files = new ArrayList<>();
    for (String src : a.subList(0, a.size() - 1)) {
      Heredoc word = heredoc(src);
      if (word == null) {
        sources.add(src);
        continue;
      }
      Heredoc body = bodies.get(word.name());
      String content = body == null ? "" : body.content();
      Heredoc chomped = new Heredoc(word.name(), 0, word.expand(), word.chomp(), content);
      files.add(new InlineFile(word.name(), chomped.effectiveContent(), word.expand()));
    }
    return new Parts(List.copyOf(sources), List.copyOf(files), dest);
  }

  private static @Nullable Heredoc heredoc(String word) throws InvalidInstructionException {
    try {
      return HeredocWords.parse(word);
    } catch (DockerfileSyntaxException e) {
      throw new InvalidInstructionException(e.detail(), e.hint());
    }
  }

  private static @Nullable String emptyToNull(@Nullable String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
