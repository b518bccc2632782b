package dev.jbuild.image;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/**
 * A content digest such as {@code sha256:ab12…}. Only registered algorithms with their exact
 * lowercase hex length are accepted, so a {@code Digest} is always safe to use as a file name.
 */
public record Digest(String algorithm, String hex) implements Comparable<Digest> {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

  public Digest {
    int expected = hexLength(algorithm);
    if (hex.length() != expected || !HEX.matcher(hex).matches()) {
      throw new ImageFormatException(
          "invalid digest "
              + algorithm
              + ":"
              + abbreviate(hex)
              + ": expected "
              + expected
              + " lowercase hex characters");
    }
  }

  /** Parses {@code algorithm:hex}; throws {@link ImageFormatException} with the bad input. */
  @JsonCreator
  public static Digest parse(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new ImageFormatException(
          "invalid digest \"" + abbreviate(text) + "\": expected algorithm:hex, e.g. sha256:…");
    }
    return new Digest(text.substring(0, colon), text.substring(colon + 1));
  }

  public static Digest sha256(String hex) {
    return new Digest("sha256", hex);
  }

  /** True when {@code text} parses as a digest. */
  public static boolean isDigest(String text) {
    try {
      parse(text);
      return true;
    } catch (ImageFormatException e) {
      return false;
    }
  }

  static int hexLength(String algorithm) {
    switch (algorithm) {
      case "sha256":
        return 64;
      case "sha512":
        return 128;
      default:
        throw new ImageFormatException(
            "unsupported digest algorithm \"" + abbreviate(algorithm) + "\": use sha256 or sha512");
    }
  }

  /** First 12 hex characters, as docker prints image IDs. */
  public String shortHex() {
    return hex.substring(0, 12);
  }

  @Override
  @JsonValue
  public String toString() {
    return algorithm + ":" + hex;
  }

  @Override
  public int compareTo(Digest o) {
    return toString().compareTo(o.toString());
  }

  private static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }
}
