package dev.jbuild.cli.build;

import java.util.function.IntUnaryOperator;

/**
 * {@code --chmod}: an octal mode ({@code 0755}) or a symbolic one ({@code u+x,g-w,o=r}), applied to
 * each copied entry; {@code X} sets execute only on directories or already-executable files.
 */
final class ChmodSpec {
  private ChmodSpec() {}

  static IntUnaryOperator parse(String spec) {
    if (spec.matches("[0-7]{1,4}")) {
      int mode = Integer.parseInt(spec, 8);
      return m -> mode;
    }
    IntUnaryOperator op = m -> m;
    for (String clause : spec.split(",", -1)) {
      IntUnaryOperator next = clause(clause, spec);
      IntUnaryOperator prev = op;
      op = m -> next.applyAsInt(prev.applyAsInt(m));
    }
    return op;
  }

  private static IntUnaryOperator clause(String clause, String spec) {
    int i = 0;
    int who = 0;
    while (i < clause.length() && "ugoa".indexOf(clause.charAt(i)) >= 0) {
      who |= whoMask(clause.charAt(i++));
    }
    if (who == 0) {
      who = 07777;
    }
    if (i >= clause.length() || "+-=".indexOf(clause.charAt(i)) < 0) {
      throw new IllegalArgumentException("invalid chmod \"" + spec + "\"");
    }
    char op = clause.charAt(i++);
    int bits = 0;
    boolean condX = false;
    for (; i < clause.length(); i++) {
      char c = clause.charAt(i);
      switch (c) {
        case 'r' -> bits |= 0444;
        case 'w' -> bits |= 0222;
        case 'x' -> bits |= 0111;
        case 'X' -> condX = true;
        case 's' -> bits |= 06000;
        case 't' -> bits |= 01000;
        default -> throw new IllegalArgumentException("invalid chmod \"" + spec + "\"");
      }
    }
    int mask = who;
    int fixed = bits;
    boolean x = condX;
    return m -> {
      int b = fixed | (x && (m & 0111) != 0 ? 0111 : 0);
      b &= mask;
      return switch (op) {
        case '+' -> m | b;
        case '-' -> m & ~b;
        default -> (m & ~(mask & 0777)) | b;
      };
    };
  }

  private static int whoMask(char c) {
    return switch (c) {
      case 'u' -> 04700;
      case 'g' -> 02070;
      case 'o' -> 01007;
      default -> 07777;
    };
  }
}
