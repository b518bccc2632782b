package dev.jbuild.registry;

import org.jspecify.annotations.Nullable;

/**
 * A username and password, or an OAuth2 identity (refresh) token as docker stores it. {@link
 * #toString()} never shows the secret.
 */
public record Credentials(String username, String password, @Nullable String identityToken) {

  public static Credentials basic(String username, String password) {
    return new Credentials(username, password, null);
  }

  public static Credentials ofIdentityToken(String username, String token) {
    return new Credentials(username, "", token);
  }

  /** Parses {@code user:pass} as given to {@code --creds}; the password may contain colons. */
  public static Credentials parse(String userColonPass) {
    int colon = userColonPass.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "invalid credentials: expected USERNAME:PASSWORD (the value was not shown)");
    }
    return basic(userColonPass.substring(0, colon), userColonPass.substring(colon + 1));
  }

  @Override
  public String toString() {
    return "Credentials[" + username + ", secret hidden]";
  }
}
