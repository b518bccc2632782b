package dev.jbuild.cli;

import dev.jbuild.cli.uptodate.UpToDate;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/** Creates commands with the process environment they should see (tests pass their own). */
final class EnvFactory implements IFactory {
  private final Map<String, String> env;
  private final @Nullable UpToDate slot;
  private final IFactory fallback = CommandLine.defaultFactory();

  /**
   * @param slot where {@code build} keeps its up-to-date record; null when it keeps none
   */
  EnvFactory(Map<String, String> env, @Nullable UpToDate slot) {
    this.env = env;
    this.slot = slot;
  }

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    if (cls == BuildCommand.class) {
      return cls.cast(new BuildCommand(env, slot));
    }
    return fallback.create(cls);
  }
}
