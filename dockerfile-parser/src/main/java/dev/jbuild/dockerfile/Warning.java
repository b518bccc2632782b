package dev.jbuild.dockerfile;

/** Something accepted but worth telling the user (empty continuation line, unused build-arg). */
public record Warning(String message, SourceRange location) {}
