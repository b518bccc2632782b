package dev.jbuild.cli.build.add;

import dev.jbuild.cli.build.StepFailure;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * A git source as BuildKit writes it: {@code <remote>[#<ref>[:<subdir>]]}, where the remote is an
 * http(s), git or ssh URL or the scp-like {@code user@host:path}.
 *
 * @param remote what git fetches from
 * @param ref branch, tag or commit ("" for the remote's HEAD)
 * @param subdir directory of the repository to add ("" for all of it)
 * @param shown the source with any password masked, for messages
 * @param password the URL's password, masked wherever git echoes it ("" when none)
 */
record GitRef(String remote, String ref, String subdir, String shown, String password) {

  static GitRef parse(String source) {
    int hash = source.indexOf('#');
    String remote = hash < 0 ? source : source.substring(0, hash);
    String fragment = hash < 0 ? "" : source.substring(hash + 1);
    int colon = fragment.indexOf(':');
    String ref = colon < 0 ? fragment : fragment.substring(0, colon);
    String subdir = colon < 0 ? "" : fragment.substring(colon + 1);
    String shown = SourceKind.redact(source);
    if (ref.startsWith("-") || remote.startsWith("-")) {
      throw new StepFailure("ADD " + shown + ": a git ref or remote cannot start with '-'");
    }
    return new GitRef(remote, ref, stripSlashes(subdir), shown, password(remote));
  }

  /** {@code text} with the password replaced. */
  String mask(String text) {
    return password.isEmpty() ? text : text.replace(password, "xxxxx");
  }

  private static String password(String remote) {
    if (!remote.contains("://")) {
      return "";
    }
    try {
      String info = new URI(remote).getRawUserInfo();
      if (info == null) {
        return "";
      }
      int colon = info.indexOf(':');
      return colon < 0 ? "" : info.substring(colon + 1);
    } catch (URISyntaxException e) {
      return "";
    }
  }

  private static String stripSlashes(String s) {
    String t = s;
    while (t.startsWith("/")) {
      t = t.substring(1);
    }
    while (t.endsWith("/")) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }
}
