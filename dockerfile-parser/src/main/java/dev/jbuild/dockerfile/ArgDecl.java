package dev.jbuild.dockerfile;

import org.jspecify.annotations.Nullable;

/** One ARG declaration; {@code defaultValue} is null for a bare {@code ARG name}. */
public record ArgDecl(String name, @Nullable String defaultValue) {}
