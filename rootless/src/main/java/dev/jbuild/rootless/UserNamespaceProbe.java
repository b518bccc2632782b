package dev.jbuild.rootless;

import java.util.Optional;

/** Decides whether this user may create user namespaces; injectable so tests can block it. */
@FunctionalInterface
public interface UserNamespaceProbe {
  /** Empty when user namespaces work, else the one-line message with the fix. */
  Optional<String> blockedReason(Host host);

  /** The real probe: {@code unshare --user --map-root-user --mount true}. */
  static UserNamespaceProbe unshare() {
    return new UnshareProbe();
  }
}
