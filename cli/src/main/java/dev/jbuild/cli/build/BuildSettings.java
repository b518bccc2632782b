package dev.jbuild.cli.build;

import dev.jbuild.image.Platform;
import dev.jbuild.layer.Compression;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Choices that hold for a whole build.
 *
 * @param now the time written into history and config ({@code SOURCE_DATE_EPOCH} when set)
 * @param sourceDateEpoch when set, file times newer than it are clamped to it
 * @param dockerFormat write Docker schema 2 media types instead of OCI
 */
public record BuildSettings(
    Instant now,
    @Nullable Instant sourceDateEpoch,
    Platform platform,
    Compression compression,
    boolean dockerFormat) {}
