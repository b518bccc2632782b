package dev.jbuild.layer;

/** One entry of a layer, by its normalized relative path ({@code usr/bin/sh}). */
sealed interface LayerEntry {
  String path();

  record Directory(String path, EntryMeta meta) implements LayerEntry {}

  record RegularFile(String path, EntryMeta meta, FileSource source) implements LayerEntry {}

  record Symlink(String path, EntryMeta meta, String target) implements LayerEntry {}

  /** {@code path} shares content with {@code target}, another regular file in the layer. */
  record Hardlink(String path, EntryMeta meta, String target) implements LayerEntry {}

  record Device(String path, EntryMeta meta, boolean block, int major, int minor)
      implements LayerEntry {}

  record Fifo(String path, EntryMeta meta) implements LayerEntry {}

  /** {@code path} was deleted: written as {@code dir/.wh.name}. */
  record Whiteout(String path) implements LayerEntry {}

  /** Lower content of directory {@code path} is hidden: {@code path/.wh..wh..opq}. */
  record Opaque(String path) implements LayerEntry {}
}
