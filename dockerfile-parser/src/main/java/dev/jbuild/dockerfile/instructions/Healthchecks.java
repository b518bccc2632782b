package dev.jbuild.dockerfile.instructions;

import dev.jbuild.dockerfile.GoDuration;
import dev.jbuild.dockerfile.Instruction;
import dev.jbuild.dockerfile.InvalidInstructionException;
import dev.jbuild.dockerfile.instructions.Flags.Kind;
import dev.jbuild.dockerfile.instructions.InstructionFactory.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** HEALTHCHECK [options] CMD ... | NONE, with BuildKit's checks on durations and retries. */
final class Healthchecks {
  private Healthchecks() {}

  static Instruction create(Request req) throws InvalidInstructionException {
    if (req.args.isEmpty()) {
      throw InstructionFactory.atLeastOne("HEALTHCHECK");
    }
    String type = req.args.get(0).toUpperCase(Locale.ROOT);
    List<String> rest = req.args.subList(1, req.args.size());
    if (type.equals("NONE")) {
      if (!rest.isEmpty()) {
        throw new InvalidInstructionException(
            "HEALTHCHECK NONE takes no arguments", "write just HEALTHCHECK NONE");
      }
      return new Instruction.Healthcheck(
          List.of("NONE"),
          Duration.ZERO,
          Duration.ZERO,
          Duration.ZERO,
          Duration.ZERO,
          0,
          req.loc,
          req.orig);
    }
    Flags flags =
        req.flags(
            "HEALTHCHECK",
            "interval",
            Kind.STRING,
            "timeout",
            Kind.STRING,
            "start-period",
            Kind.STRING,
            "start-interval",
            Kind.STRING,
            "retries",
            Kind.STRING);
    if (!type.equals("CMD")) {
      throw new InvalidInstructionException(
          "Unknown type " + type + " in HEALTHCHECK (try CMD)", "write HEALTHCHECK CMD <command>");
    }
    List<String> cmd =
        req.node.json() ? rest : rest.isEmpty() ? List.of() : List.of(String.join(" ", rest));
    if (cmd.isEmpty()) {
      throw new InvalidInstructionException(
          "Missing command after HEALTHCHECK CMD", "write HEALTHCHECK CMD <command>");
    }
    List<String> test = new ArrayList<>();
    test.add(req.node.json() ? "CMD" : "CMD-SHELL");
    test.addAll(cmd);
    return new Instruction.Healthcheck(
        test,
        interval(flags, "interval"),
        interval(flags, "timeout"),
        interval(flags, "start-period"),
        interval(flags, "start-interval"),
        retries(flags),
        req.loc,
        req.orig);
  }

  private static Duration interval(Flags flags, String name) throws InvalidInstructionException {
    String value = flags.string(name);
    if (value == null || value.isEmpty()) {
      return Duration.ZERO;
    }
    Duration d;
    try {
      d = GoDuration.parse(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidInstructionException(
          String.valueOf(e.getMessage()), "use a duration like 30s, 1m or 1m30s");
    }
    if (d.isZero()) {
      return d;
    }
    if (d.isNegative()) {
      throw new InvalidInstructionException(
          "Interval \"" + name + "\" cannot be negative", "use a positive duration");
    }
    if (d.compareTo(Duration.ofMillis(1)) < 0) {
      throw new InvalidInstructionException(
          "Interval \"" + name + "\" cannot be less than 1ms", "use at least 1ms");
    }
    return d;
  }

  private static int retries(Flags flags) throws InvalidInstructionException {
    String value = flags.string("retries");
    if (value == null || value.isEmpty()) {
      return 0;
    }
    long r;
    try {
      r = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new InvalidInstructionException(
          "strconv.ParseInt: parsing " + GoTextQuote.of(value) + ": invalid syntax",
          "--retries takes a whole number");
    }
    if (r < 0) {
      throw new InvalidInstructionException(
          "--retries cannot be negative (" + r + ")", "use --retries=0 or more");
    }
    if (r > Integer.MAX_VALUE) {
      throw new InvalidInstructionException("--retries value out of range", null);
    }
    return (int) r;
  }

  private static final class GoTextQuote {
    static String of(String s) {
      return dev.jbuild.dockerfile.ast.GoText.quote(s);
    }
  }
}
