package dev.jbuild.cli.build;

import dev.jbuild.layer.Compression;
import dev.jbuild.registry.RegistryOptions;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How to build and write the image.
 *
 * @param dockerFormat {@code --format docker}: Docker schema 2 media types instead of OCI
 * @param compression {@code --compression-format}: how layers leave the store (push, OCI outputs,
 *     {@code --cache-to} uses gzip); the store keeps built layers uncompressed
 * @param isolation {@code --isolation}: auto, oci, rootless or chroot
 * @param runtime {@code --runtime}: the OCI runtime binary for isolation oci
 * @param secrets {@code --secret id=ID,src=FILE}: files RUN --mount=type=secret can mount
 * @param ssh {@code --ssh ID[=SOCKET]}: SSH agent sockets RUN --mount=type=ssh can forward
 * @param snapshotter {@code --snapshotter}: auto, overlay or copy (copy + tree diff)
 * @param cache how the build cache is used and shared
 * @param registry how base images are pulled and results pushed (TLS, credentials)
 */
public record BuildOptions(
    boolean dockerFormat,
    Compression compression,
    String isolation,
    @Nullable Path runtime,
    Map<String, Path> secrets,
    Map<String, Path> ssh,
    RegistryOptions registry,
    String snapshotter,
    CacheOptions cache) {}
