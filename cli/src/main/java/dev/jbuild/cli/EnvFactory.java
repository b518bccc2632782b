package dev.jbuild.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/** Creates commands with the process environment they should see (tests pass their own). */
final class EnvFactory implements IFactory {
  private final Map<String, String> env;
  private final IFactory fallback = CommandLine.defaultFactory();

  EnvFactory(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    if (cls == BuildCommand.class) {
      return cls.cast(new BuildCommand(env));
    }
    return fallback.create(cls);
  }
}
