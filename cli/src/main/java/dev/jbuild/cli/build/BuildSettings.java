package dev.jbuild.cli.build;

import dev.jbuild.image.Platform;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Choices that hold for a whole build. Compression is not one: the build stores its layers
 * uncompressed, and each export compresses them ({@link BuildOptions#compression()}).
 *
 * @param now the time written into history and config ({@code SOURCE_DATE_EPOCH} when set)
 * @param sourceDateEpoch when set, file times newer than it are clamped to it
 * @param dockerFormat write Docker schema 2 media types instead of OCI
 */
public record BuildSettings(
    Instant now, @Nullable Instant sourceDateEpoch, Platform platform, boolean dockerFormat) {}
