package dev.jbuild.dockerfile;

/** Lines of the Dockerfile an instruction spans, 1-based and inclusive. */
public record SourceRange(int startLine, int endLine) {}
