package dev.jbuild.dockerfile.instructions;

import dev.jbuild.dockerfile.Instruction;
import dev.jbuild.dockerfile.InvalidInstructionException;
import dev.jbuild.dockerfile.ast.AstNode;
import dev.jbuild.dockerfile.instructions.InstructionFactory.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The single-value and list instructions, HEALTHCHECK and ONBUILD. */
final class Simple {
  private Simple() {}

  static Instruction create(Request req) throws InvalidInstructionException {
    String keyword = req.node.keyword().toUpperCase(Locale.ROOT);
    switch (keyword) {
      case "EXPOSE":
        req.flags(keyword);
        if (req.args.isEmpty()) {
          throw InstructionFactory.atLeastOne(keyword);
        }
        return new Instruction.Expose(req.args, req.loc, req.orig);
      case "VOLUME":
        return volume(req);
      case "USER":
        return new Instruction.User(one(req, keyword), req.loc, req.orig);
      case "WORKDIR":
        return new Instruction.Workdir(one(req, keyword), req.loc, req.orig);
      case "STOPSIGNAL":
        return new Instruction.StopSignal(one(req, keyword), req.loc, req.orig);
      case "MAINTAINER":
        return new Instruction.Maintainer(one(req, keyword), req.loc, req.orig);
      case "HEALTHCHECK":
        return Healthchecks.create(req);
      case "ONBUILD":
        return onbuild(req);
      default:
        throw unknown(req.node.keyword());
    }
  }

  static InvalidInstructionException unknown(String keyword) {
    String suggestion = Suggest.closest(keyword, InstructionFactory.KEYWORDS);
    return new InvalidInstructionException(
        "unknown instruction: " + keyword + Suggest.hint(keyword, InstructionFactory.KEYWORDS),
        suggestion != null
            ? "did you mean " + suggestion + "?"
            : "instructions are " + String.join(", ", InstructionFactory.KEYWORDS));
  }

  private static String one(Request req, String keyword) throws InvalidInstructionException {
    req.flags(keyword);
    if (req.args.size() != 1) {
      throw InstructionFactory.exactlyOne(keyword);
    }
    return req.args.get(0);
  }

  private static Instruction volume(Request req) throws InvalidInstructionException {
    req.flags("VOLUME");
    if (req.args.isEmpty()) {
      throw InstructionFactory.atLeastOne("VOLUME");
    }
    List<String> paths = new ArrayList<>();
    for (String v : req.args) {
      if (v.trim().isEmpty()) {
        throw new InvalidInstructionException(
            "VOLUME specified can not be an empty string", "remove the empty entry");
      }
      paths.add(v);
    }
    return new Instruction.Volume(paths, req.loc, req.orig);
  }

  private static Instruction onbuild(Request req) throws InvalidInstructionException {
    req.flags("ONBUILD");
    AstNode child = req.node.child();
    if (child == null) {
      throw InstructionFactory.atLeastOne("ONBUILD");
    }
    String trigger = child.keyword().toUpperCase(Locale.ROOT);
    switch (trigger) {
      case "ONBUILD":
        throw new InvalidInstructionException(
            "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", "use a single ONBUILD");
      case "FROM", "MAINTAINER":
        throw new InvalidInstructionException(
            trigger + " isn't allowed as an ONBUILD trigger", "remove this ONBUILD line");
      default:
        break;
    }
    AstNode withDocs =
        new AstNode(
            child.keyword(),
            child.flags(),
            child.args(),
            child.child(),
            child.json(),
            req.node.heredocs(),
            child.original(),
            req.node.startLine(),
            req.node.endLine());
    Instruction parsed = InstructionFactory.create(withDocs);
    return new Instruction.Onbuild(
        parsed, InstructionFactory.onbuildExpression(req.node.original()), req.loc, req.orig);
  }
}
