package dev.jbuild.cli.build.copy;

import java.time.Instant;
import java.util.function.IntUnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * How copied entries are owned and moded.
 *
 * @param uid owner for every entry (0 unless --chown)
 * @param gid group for every entry
 * @param chmod applied to each entry's mode (--chmod), or null to keep the source mode
 * @param createdTime modification time of directories the copy has to create
 */
public record CopyOptions(
    int uid, int gid, @Nullable IntUnaryOperator chmod, Instant createdTime) {}
