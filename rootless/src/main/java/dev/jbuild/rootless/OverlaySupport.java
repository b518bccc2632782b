package dev.jbuild.rootless;

/**
 * Whether overlay snapshots work here. When not, the caller copies the lower state and diffs trees
 * instead; {@code detail} says which (for --progress=plain) and why.
 */
public record OverlaySupport(boolean available, String detail) {}
