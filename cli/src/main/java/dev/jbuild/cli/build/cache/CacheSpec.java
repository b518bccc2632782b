package dev.jbuild.cli.build.cache;

import java.nio.file.Path;

/**
 * Where a shared build cache lives: a registry reference or a local directory (an OCI image
 * layout). Parsed from {@code --cache-to}/{@code --cache-from} by {@link CacheSpecs}.
 */
public sealed interface CacheSpec permits CacheSpec.Registry, CacheSpec.Local {

  /**
   * {@code mode=max}: export every step's entry, not only the steps of the final image. The build
   * engine chooses the entries it passes to {@link CacheExporter#export}; always false for
   * --cache-from.
   */
  boolean max();

  /** {@code ignore-error=true}: an export failure is a warning, not a failed build. */
  boolean ignoreError();

  /** For progress lines, e.g. {@code registry cache r.example.com/app:cache}. */
  String describe();

  /** {@code type=registry,ref=REF}: an OCI image manifest pushed to {@code ref}. */
  record Registry(String ref, boolean max, boolean ignoreError) implements CacheSpec {
    @Override
    public String describe() {
      return "registry cache " + ref;
    }
  }

  /** {@code type=local,dest=DIR} or {@code src=DIR}: an OCI image layout directory. */
  record Local(Path dir, boolean max, boolean ignoreError) implements CacheSpec {
    @Override
    public String describe() {
      return "local cache " + dir;
    }
  }
}
