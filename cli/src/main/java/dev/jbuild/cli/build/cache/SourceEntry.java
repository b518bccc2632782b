package dev.jbuild.cli.build.cache;

import dev.jbuild.cli.build.copy.StatAttributes;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * One file, directory or symlink a COPY would copy, as the walk found it.
 *
 * @param source index of the source argument that named it
 * @param matched the path that argument matched, relative to the tree's root
 * @param path the entry's path relative to {@code matched} ("" for the matched path itself)
 * @param real where it is on disk
 * @param linkTarget a symlink's target text
 */
record SourceEntry(
    int source,
    String matched,
    String path,
    Path real,
    StatAttributes attributes,
    @Nullable String linkTarget) {}
