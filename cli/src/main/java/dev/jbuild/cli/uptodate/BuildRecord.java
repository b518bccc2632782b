package dev.jbuild.cli.uptodate;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a build that ran no step produced and everything it depended on beyond its command line and
 * environment (which its {@link RecordKey} covers): the same command, with none of these changed,
 * would give the same image.
 *
 * @param key the {@link RecordKey} text it was written under
 * @param context the CONTEXT argument, as given
 * @param file the {@code -f} argument, as given; null for the default
 * @param dockerfileText the Dockerfile the build read
 * @param ignoreText the .dockerignore it read; null when there was none
 * @param names store names that must still point at these manifest digests: the base images
 *     resolved by name and every {@code -t}
 * @param manifestDigest the built image's manifest, which must still be stored
 * @param iidFile the {@code --iidfile} to write again; null when not given
 * @param progress the {@code --progress} value; null when not given
 * @param replay what the build showed, to show again
 * @param watched every context path the build's cache keys depended on
 */
public record BuildRecord(
    String key,
    String context,
    @Nullable String file,
    String dockerfileText,
    @Nullable String ignoreText,
    String imageId,
    String manifestDigest,
    Map<String, String> names,
    @Nullable String iidFile,
    boolean quiet,
    @Nullable String progress,
    List<ReplayLine> replay,
    List<WatchedPath> watched) {

  /** This record filed under {@code other}. */
  BuildRecord withKey(String other) {
    return new BuildRecord(
        other,
        context,
        file,
        dockerfileText,
        ignoreText,
        imageId,
        manifestDigest,
        names,
        iidFile,
        quiet,
        progress,
        replay,
        watched);
  }
}
