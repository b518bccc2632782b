package dev.jbuild.dockerfile;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One {@code RUN --mount=...} spec, with BuildKit's defaults applied (bind/secret/ssh read-only,
 * cache/tmpfs writable, cache id = target, secret target {@code /run/secrets/<id>}).
 *
 * @param target where it is mounted; null only for ssh (the engine picks the agent socket path)
 * @param from stage name/index or image the bind/cache source comes from; null = context
 * @param sharing cache only: shared, private or locked
 * @param mode octal file mode (cache, secret, ssh), null when not given
 * @param sizeBytes tmpfs size limit, 0 when not given
 * @param env secret only: also expose the secret as this environment variable
 */
public record Mount(
    Type type,
    @Nullable String target,
    @Nullable String source,
    @Nullable String from,
    boolean readOnly,
    @Nullable String id,
    @Nullable String sharing,
    @Nullable Integer mode,
    @Nullable Integer uid,
    @Nullable Integer gid,
    boolean required,
    long sizeBytes,
    @Nullable String env) {

  /** Mount kinds of the reference. */
  public enum Type {
    BIND,
    CACHE,
    TMPFS,
    SECRET,
    SSH;

    public String keyword() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
