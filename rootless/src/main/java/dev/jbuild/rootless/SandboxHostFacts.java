package dev.jbuild.rootless;

/**
 * What the sandboxes must know about the namespace they start from: whether setgroups is allowed
 * (not with a self-only map) and whether gid 5 (tty, for /dev/pts) is mapped.
 */
record SandboxHostFacts(boolean inUserNamespace, boolean setGroupsAllowed, boolean ttyGidMapped) {
  static SandboxHostFacts of(Privilege privilege) {
    if (privilege instanceof Privilege.InNamespace ns) {
      boolean tty =
          ns.gidMap().stream().anyMatch(r -> r.inside() <= 5 && 5 < r.inside() + r.count());
      boolean groups = ns.gidMap().stream().mapToLong(IdRange::count).sum() > 1;
      return new SandboxHostFacts(true, groups, tty);
    }
    return new SandboxHostFacts(false, true, true);
  }
}
