package dev.jbuild.rootless;

import java.util.List;
import java.util.Optional;

/** Tries a throw-away user+mount namespace and explains a failure by the host's sysctls. */
final class UnshareProbe implements UserNamespaceProbe {
  @Override
  public Optional<String> blockedReason(Host host) {
    String unshare = host.tools().require("unshare", "create user namespaces").toString();
    ProcessResult result =
        ProcessResult.run(List.of(unshare, "--user", "--map-root-user", "--mount", "true"));
    if (result.exitCode() == 0) {
      return Optional.empty();
    }
    return Optional.of(BlockedMessages.explain(host, result.firstErrorLine()));
  }
}
