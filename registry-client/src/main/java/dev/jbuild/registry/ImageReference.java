package dev.jbuild.registry;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A fully qualified image reference, normalised the way docker does: {@code busybox} becomes {@code
 * docker.io/library/busybox:latest}. When both a tag and a digest are given, the digest identifies
 * the content and the tag is kept for display.
 */
public record ImageReference(
    String registry, String repository, @Nullable String tag, @Nullable String digest) {

  public static final String DOCKER_HUB = "docker.io";
  public static final String DEFAULT_TAG = "latest";

  private static final int MAX_NAME_LENGTH = 255;
  private static final Pattern DOMAIN =
      Pattern.compile(
          "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
              + "|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?");
  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DIGEST =
      Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
  private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern HEX64 = Pattern.compile("[a-f0-9]{64}");

  public ImageReference {
    if (tag == null && digest == null) {
      tag = DEFAULT_TAG;
    }
  }

  /** Parses {@code text} as {@code docker pull} would. */
  public static ImageReference parse(String text) {
    if (text.isEmpty()) {
      throw new InvalidReferenceException(text, "empty reference");
    }
    if (HEX64.matcher(text).matches()) {
      throw new InvalidReferenceException(
          text, "a 64-character hexadecimal string is an image ID, not a name");
    }
    String rest = text;
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
      checkDigest(text, digest);
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw new InvalidReferenceException(
            text, "tag \"" + tag + "\" must match [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
      }
    }
    return withName(text, rest, tag, digest);
  }

  private static ImageReference withName(
      String text, String name, @Nullable String tag, @Nullable String digest) {
    if (name.isEmpty()) {
      throw new InvalidReferenceException(text, "missing repository name");
    }
    String registry = DOCKER_HUB;
    String path = name;
    int slash = name.indexOf('/');
    if (slash >= 0 && looksLikeRegistry(name.substring(0, slash))) {
      registry = name.substring(0, slash);
      path = name.substring(slash + 1);
      if (!DOMAIN.matcher(registry).matches()) {
        throw new InvalidReferenceException(text, "invalid registry host \"" + registry + "\"");
      }
    }
    if (path.isEmpty()) {
      throw new InvalidReferenceException(text, "missing repository name after the registry");
    }
    if (registry.equals("index.docker.io")) {
      registry = DOCKER_HUB;
    }
    if (registry.equals(DOCKER_HUB) && path.indexOf('/') < 0) {
      path = "library/" + path;
    }
    checkPath(text, path);
    if (registry.length() + 1 + path.length() > MAX_NAME_LENGTH) {
      throw new InvalidReferenceException(
          text, "repository name must not be longer than " + MAX_NAME_LENGTH + " characters");
    }
    return new ImageReference(registry, path, tag, digest);
  }

  // docker's rule: the first component is a host if it has a dot or a port, is localhost, or
  // contains an uppercase letter (which a repository path never may).
  private static boolean looksLikeRegistry(String first) {
    return first.contains(".")
        || first.contains(":")
        || first.equals("localhost")
        || !first.toLowerCase(Locale.ROOT).equals(first);
  }

  private static void checkPath(String text, String path) {
    for (String component : path.split("/", -1)) {
      if (COMPONENT.matcher(component).matches()) {
        continue;
      }
      String lower = component.toLowerCase(Locale.ROOT);
      if (!lower.equals(component) && COMPONENT.matcher(lower).matches()) {
        throw new InvalidReferenceException(
            text,
            "repository name must be lowercase (try \"" + text.replace(component, lower) + "\")");
      }
      throw new InvalidReferenceException(
          text,
          "path component \""
              + component
              + "\" must be lowercase letters and digits separated by '.', '_', '__' or '-'");
    }
  }

  private static void checkDigest(String text, String digest) {
    if (!DIGEST.matcher(digest).matches()) {
      throw new InvalidReferenceException(
          text, "digest \"" + digest + "\" must look like sha256:<64 hex characters>");
    }
    if (digest.startsWith("sha256:") && !SHA256.matcher(digest).matches()) {
      throw new InvalidReferenceException(
          text, "sha256 digest must have exactly 64 lowercase hex characters");
    }
  }

  /** The tag or digest to ask the registry for: the digest wins when both are present. */
  public String identifier() {
    String d = digest;
    if (d != null) {
      return d;
    }
    return tag == null ? DEFAULT_TAG : tag;
  }

  /** The same repository with another tag and no digest. */
  public ImageReference withTag(String newTag) {
    if (!TAG.matcher(newTag).matches()) {
      throw new InvalidReferenceException(newTag, "not a valid tag");
    }
    return new ImageReference(registry, repository, newTag, null);
  }

  /** The same repository pinned to {@code newDigest}. */
  public ImageReference withDigest(String newDigest) {
    checkDigest(newDigest, newDigest);
    return new ImageReference(registry, repository, null, newDigest);
  }

  /** {@code registry/repository}, as used in scopes and credential lookups. */
  public String name() {
    return registry + "/" + repository;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(name());
    if (tag != null) {
      s.append(':').append(tag);
    }
    if (digest != null) {
      s.append('@').append(digest);
    }
    return s.toString();
  }
}
