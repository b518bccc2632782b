package dev.jbuild.rootless;

import java.util.List;

/**
 * What this process may do with namespaces, decided once at start-up. The CLI acts on it: {@link
 * Unprivileged} means re-execute inside a user namespace; {@link Blocked} means RUN steps cannot
 * work here (the message says why and how to fix it).
 */
public sealed interface Privilege {
  /** Real root in the initial user namespace: no user namespace needed. */
  record Root() implements Privilege {}

  /** uid 0 inside a user namespace (ours after re-exec, or a rootless container's). */
  record InNamespace(List<IdRange> uidMap, List<IdRange> gidMap, boolean ours)
      implements Privilege {
    public InNamespace {
      uidMap = List.copyOf(uidMap);
      gidMap = List.copyOf(gidMap);
    }
  }

  /** An ordinary user who can create user namespaces with these maps. */
  record Unprivileged(IdMappings mappings, List<String> warnings) implements Privilege {
    public Unprivileged {
      warnings = List.copyOf(warnings);
    }
  }

  /** An ordinary user whose user namespaces are blocked. */
  record Blocked(String message) implements Privilege {}
}
