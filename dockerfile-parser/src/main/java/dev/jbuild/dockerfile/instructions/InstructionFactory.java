package dev.jbuild.dockerfile.instructions;

import dev.jbuild.dockerfile.ArgDecl;
import dev.jbuild.dockerfile.Command;
import dev.jbuild.dockerfile.Instruction;
import dev.jbuild.dockerfile.InvalidInstructionException;
import dev.jbuild.dockerfile.KeyValue;
import dev.jbuild.dockerfile.Mount;
import dev.jbuild.dockerfile.SourceRange;
import dev.jbuild.dockerfile.ast.AstNode;
import dev.jbuild.dockerfile.ast.GoText;
import dev.jbuild.dockerfile.instructions.Flags.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** AST node to typed {@link Instruction}, with BuildKit's argument and flag validation. */
public final class InstructionFactory {
  static final List<String> KEYWORDS =
      List.of(
          "ADD",
          "ARG",
          "CMD",
          "COPY",
          "ENTRYPOINT",
          "ENV",
          "EXPOSE",
          "FROM",
          "HEALTHCHECK",
          "LABEL",
          "MAINTAINER",
          "ONBUILD",
          "RUN",
          "SHELL",
          "STOPSIGNAL",
          "USER",
          "VOLUME",
          "WORKDIR");
  private static final Pattern STAGE_NAME = Pattern.compile("^[a-z][a-z0-9-_.]*$");
  private static final Pattern ONBUILD_PREFIX =
      Pattern.compile("(?i)^[\\t\\n\\f\\r ]*ONBUILD[\\t\\n\\f\\r ]*");

  private InstructionFactory() {}

  /** The typed instruction of {@code node}. */
  public static Instruction create(AstNode node) throws InvalidInstructionException {
    Request req = new Request(node);
    switch (node.keyword().toLowerCase(Locale.ROOT)) {
      case "from":
        return from(req);
      case "run":
        return run(req);
      case "cmd":
        req.flags("CMD");
        return new Instruction.Cmd(req.command(), req.loc, req.orig);
      case "entrypoint":
        req.flags("ENTRYPOINT");
        return new Instruction.Entrypoint(req.command(), req.loc, req.orig);
      case "shell":
        return shell(req);
      case "copy":
        return CopyAdd.copy(req);
      case "add":
        return CopyAdd.add(req);
      case "env":
        req.flags("ENV");
        return new Instruction.Env(keyValues(req, "ENV"), req.loc, req.orig);
      case "label":
        req.flags("LABEL");
        return new Instruction.Label(keyValues(req, "LABEL"), req.loc, req.orig);
      case "arg":
        return arg(req);
      default:
        return Simple.create(req);
    }
  }

  /** Keyword, flags, args and location of one node, shared by the per-instruction parsers. */
  static final class Request {
    final AstNode node;
    final List<String> args;
    final SourceRange loc;
    final String orig;

    Request(AstNode node) {
      this.node = node;
      this.args = node.args();
      this.loc = new SourceRange(node.startLine(), node.endLine());
      this.orig = GoText.trimSpace(node.original());
    }

    Flags flags(String instruction, Object... declarations) throws InvalidInstructionException {
      Flags flags = new Flags(instruction);
      for (int i = 0; i < declarations.length; i += 2) {
        flags.declare((String) declarations[i], (Kind) declarations[i + 1]);
      }
      return flags.parse(node.flags());
    }

    Command command() {
      List<String> argv = node.json() ? args : List.of(String.join(" ", args));
      if (!node.json() && args.isEmpty()) {
        argv = List.of();
      }
      return new Command(argv, !node.json(), node.heredocs());
    }
  }

  static InvalidInstructionException atLeastOne(String keyword) {
    return new InvalidInstructionException(
        keyword + " requires at least one argument", "see the " + keyword + " reference");
  }

  static InvalidInstructionException exactlyOne(String keyword) {
    return new InvalidInstructionException(
        keyword + " requires exactly one argument",
        "quote the value if it contains spaces, e.g. " + keyword + " \"a b\"");
  }

  private static Instruction from(Request req) throws InvalidInstructionException {
    Flags flags = req.flags("FROM", "platform", Kind.STRING);
    List<String> a = req.args;
    String stage = null;
    if (a.size() == 3 && a.get(1).equalsIgnoreCase("as")) {
      stage = a.get(2).toLowerCase(Locale.ROOT);
      if (!STAGE_NAME.matcher(stage).matches()) {
        throw new InvalidInstructionException(
            "invalid name for build stage: "
                + GoText.quote(a.get(2))
                + ", name can't start with a number or contain symbols",
            "use letters, digits, '-', '_' and '.', starting with a letter");
      }
    } else if (a.size() != 1) {
      throw new InvalidInstructionException(
          "FROM requires either one or three arguments", "write FROM <image> [AS <name>]");
    }
    return new Instruction.From(a.get(0), stage, flags.string("platform"), req.loc, req.orig);
  }

  private static Instruction run(Request req) throws InvalidInstructionException {
    Flags flags =
        req.flags("RUN", "mount", Kind.STRINGS, "network", Kind.STRING, "security", Kind.STRING);
    String network = flags.string("network");
    if (network != null && !List.of("default", "none", "host").contains(network)) {
      throw new InvalidInstructionException(
          "unsupported network mode \"" + network + "\"", "use --network=default, none or host");
    }
    String security = flags.string("security");
    if (security != null && !List.of("sandbox", "insecure").contains(security)) {
      throw new InvalidInstructionException(
          "unsupported security mode \"" + security + "\"", "use --security=sandbox or insecure");
    }
    List<String> specs = flags.strings("mount");
    List<Mount> mounts = new ArrayList<>();
    for (String spec : specs) {
      if (spec.contains("from=") && fromHasVariable(spec)) {
        throw new InvalidInstructionException(
            "'from' doesn't support variable expansion, define alias stage instead",
            "add FROM ${VAR} AS alias and use from=alias");
      }
      if (!spec.contains("$")) {
        mounts.add(MountSpecs.parse(spec));
      }
    }
    return new Instruction.Run(req.command(), mounts, specs, network, security, req.loc, req.orig);
  }

  private static boolean fromHasVariable(String spec) throws InvalidInstructionException {
    for (String field : MountSpecs.Csv.fields(spec)) {
      if (field.toLowerCase(Locale.ROOT).startsWith("from=")) {
        String value = field.substring(5);
        int idx = value.indexOf('$');
        return idx >= 0 && idx != value.length() - 1;
      }
    }
    return false;
  }

  private static Instruction shell(Request req) throws InvalidInstructionException {
    req.flags("SHELL");
    if (req.args.isEmpty()) {
      throw atLeastOne("SHELL");
    }
    if (!req.node.json()) {
      throw new InvalidInstructionException(
          "SHELL requires the arguments to be in JSON form", "write SHELL [\"/bin/bash\", \"-c\"]");
    }
    return new Instruction.Shell(req.args, req.loc, req.orig);
  }

  private static List<KeyValue> keyValues(Request req, String keyword)
      throws InvalidInstructionException {
    List<String> a = req.args;
    if (a.isEmpty()) {
      throw atLeastOne(keyword);
    }
    if (a.size() % 3 != 0) {
      throw new InvalidInstructionException(
          "Bad input to " + keyword + ", too many arguments", null);
    }
    List<KeyValue> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i += 3) {
      if (a.get(i).isEmpty()) {
        throw new InvalidInstructionException(
            keyword + " names can not be blank", "write " + keyword + " name=value");
      }
      out.add(new KeyValue(a.get(i), a.get(i + 1), a.get(i + 2).isEmpty()));
    }
    return out;
  }

  private static Instruction arg(Request req) throws InvalidInstructionException {
    req.flags("ARG");
    if (req.args.isEmpty()) {
      throw atLeastOne("ARG");
    }
    List<ArgDecl> out = new ArrayList<>();
    for (String word : req.args) {
      int eq = word.indexOf('=');
      if (eq == 0) {
        throw new InvalidInstructionException(
            "ARG names can not be blank", "write ARG name or ARG name=default");
      }
      out.add(
          eq < 0
              ? new ArgDecl(word, null)
              : new ArgDecl(word.substring(0, eq), word.substring(eq + 1)));
    }
    return new Instruction.Arg(out, req.loc, req.orig);
  }

  /** The ONBUILD trigger text without the ONBUILD keyword. */
  static String onbuildExpression(String original) {
    return ONBUILD_PREFIX.matcher(original).replaceFirst("");
  }
}
