package dev.jbuild.cli.uptodate;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a finished build read and made, as its up-to-date record keeps it.
 *
 * @param context the CONTEXT argument, as given
 * @param file the {@code -f} argument, as given; null for the default
 * @param dockerfileText the Dockerfile the build read
 * @param ignoreText the .dockerignore it read; null when there was none
 * @param manifestDigest the built image's manifest, which must still be stored
 * @param names store names that must still point at these manifest digests: the base images found
 *     by name and every {@code -t}
 * @param iidFile the {@code --iidfile} to write again; null when not given
 * @param progress the {@code --progress} value; null when not given
 */
public record BuildResult(
    String context,
    @Nullable String file,
    String dockerfileText,
    @Nullable String ignoreText,
    String imageId,
    String manifestDigest,
    Map<String, String> names,
    @Nullable String iidFile,
    boolean quiet,
    @Nullable String progress) {
  public BuildResult {
    names = Map.copyOf(names);
  }
}
