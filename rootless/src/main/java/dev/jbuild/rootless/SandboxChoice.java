package dev.jbuild.rootless;

/** The sandbox picked for {@code --isolation}, and why (for {@code --progress=plain}). */
public record SandboxChoice(Sandbox sandbox, String reason) {}
