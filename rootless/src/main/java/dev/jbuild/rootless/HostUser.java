package dev.jbuild.rootless;

/** The real user running jbuild: name (for /etc/subuid lookups), uid and primary gid. */
public record HostUser(String name, long uid, long gid) {}
