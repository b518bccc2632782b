package dev.jbuild.cli.build.copy;

import java.time.Instant;

/** What the image under construction already has at a path (from its lower layers). */
public record ExistingFile(FileEntry.Kind kind, int mode, int uid, int gid, Instant mtime) {}
