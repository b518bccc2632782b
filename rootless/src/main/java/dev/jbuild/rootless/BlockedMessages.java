package dev.jbuild.rootless;

/** The one-line explanations of blocked user namespaces, asserted word for word by tests. */
final class BlockedMessages {
  static final String ROOT_ALTERNATIVE = "or run jbuild as root with --isolation=chroot";

  private BlockedMessages() {}

  static String explain(Host host, String error) {
    if ("1".equals(host.sysctl("kernel.apparmor_restrict_unprivileged_userns"))) {
      return apparmor(error);
    }
    if ("0".equals(host.sysctl("user.max_user_namespaces"))) {
      return maxUserNamespaces(error);
    }
    if ("0".equals(host.sysctl("kernel.unprivileged_userns_clone"))) {
      return unprivilegedClone(error);
    }
    return unknown(error);
  }

  static String apparmor(String error) {
    return "user namespaces are blocked by AppArmor (kernel.apparmor_restrict_unprivileged_userns=1;"
        + " unshare said: "
        + error
        + "): run 'sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0', "
        + ROOT_ALTERNATIVE;
  }

  static String maxUserNamespaces(String error) {
    return "user namespaces are disabled (user.max_user_namespaces=0; unshare said: "
        + error
        + "): run 'sudo sysctl -w user.max_user_namespaces=28633', "
        + ROOT_ALTERNATIVE;
  }

  static String unprivilegedClone(String error) {
    return "unprivileged user namespaces are disabled (kernel.unprivileged_userns_clone=0;"
        + " unshare said: "
        + error
        + "): run 'sudo sysctl -w kernel.unprivileged_userns_clone=1', "
        + ROOT_ALTERNATIVE;
  }

  static String unknown(String error) {
    return "cannot create a user namespace (unshare said: "
        + error
        + "); a seccomp profile or security policy likely forbids it: allow it (for docker:"
        + " --security-opt seccomp=unconfined --security-opt apparmor=unconfined), "
        + ROOT_ALTERNATIVE;
  }
}
