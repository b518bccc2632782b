package dev.jbuild.dockerfile.instructions;

import dev.jbuild.dockerfile.InvalidInstructionException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** docker/go-units {@code RAMInBytes}: "64m", "1.5g", "512" (binary multiples). */
final class Sizes {
  private static final Pattern SIZE =
      Pattern.compile("^(\\d+(?:\\.\\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$");

  private Sizes() {}

  static long ramInBytes(String value) throws InvalidInstructionException {
    Matcher m = SIZE.matcher(value);
    if (value.length() > 64 || !m.matches()) {
      throw new InvalidInstructionException(
          "invalid value for size: " + value, "use a size like size=64m or size=1g");
    }
    double number;
    try {
      number = Double.parseDouble(m.group(1));
    } catch (NumberFormatException e) {
      throw new InvalidInstructionException("invalid value for size: " + value, null);
    }
    String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
    int shift = "kmgtp".indexOf(unit.isEmpty() ? 'x' : unit.charAt(0)) + 1;
    return (long) (number * Math.pow(1024, shift));
  }
}
