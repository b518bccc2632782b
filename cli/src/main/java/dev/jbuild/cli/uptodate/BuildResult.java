package dev.jbuild.cli.uptodate;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The fields of a {@link BuildRecord} the build command knows (see there for each). */
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

  BuildRecord toRecord(String key, List<ReplayLine> replay, List<WatchedPath> watched) {
    return new BuildRecord(
        key,
        context,
        file,
        dockerfileText,
        ignoreText,
        imageId,
        manifestDigest,
        Map.copyOf(names),
        iidFile,
        quiet,
        progress,
        replay,
        watched);
  }
}
