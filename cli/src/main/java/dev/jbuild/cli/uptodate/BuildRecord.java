package dev.jbuild.cli.uptodate;

import java.util.List;

/**
 * A build that ran no step: what it made, what it showed, and every context path it depended on
 * beyond its command line and environment (which its {@link RecordKey} covers). The same command,
 * with none of these changed, would give the same image.
 *
 * @param key the {@link RecordKey} text it is filed under
 * @param result what the build read and made
 * @param replay what the build showed, to show again
 * @param watched every context path the build's cache keys depended on
 */
public record BuildRecord(
    String key, BuildResult result, List<ReplayLine> replay, List<WatchedPath> watched) {

  /** This record filed under {@code other}. */
  BuildRecord withKey(String other) {
    return new BuildRecord(other, result, replay, watched);
  }
}
