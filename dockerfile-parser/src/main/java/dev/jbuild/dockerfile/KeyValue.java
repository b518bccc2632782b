package dev.jbuild.dockerfile;

/** One ENV or LABEL pair, words still unexpanded; {@code legacyForm} for {@code ENV k v}. */
public record KeyValue(String key, String value, boolean legacyForm) {}
