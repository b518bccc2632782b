package dev.jbuild.cli;

import dev.jbuild.cli.build.BuildFailedException;
import dev.jbuild.cli.build.StepFailure;
import dev.jbuild.cli.output.OutputSpecException;
import dev.jbuild.dockerfile.DockerfileException;
import dev.jbuild.image.ImageFormatException;
import dev.jbuild.registry.RegistryException;
import dev.jbuild.rootless.RootlessException;
import dev.jbuild.store.StoreException;
import org.jspecify.annotations.Nullable;

/** The typed, user-facing exceptions of the modules and how each prints itself. */
final class ModuleErrors {
  private ModuleErrors() {}

  static boolean isUserFacing(Throwable ex) {
    return userMessage(ex) != null;
  }

  static @Nullable String userMessage(Throwable ex) {
    if (ex instanceof DockerfileException d) {
      return d.userMessage();
    }
    if (ex instanceof UserError
        || ex instanceof BuildFailedException
        || ex instanceof StepFailure
        || ex instanceof dev.jbuild.cli.build.cache.CacheException
        || ex instanceof OutputSpecException
        || ex instanceof RootlessException
        || ex instanceof RegistryException
        || ex instanceof StoreException
        || ex instanceof ImageFormatException) {
      return String.valueOf(ex.getMessage());
    }
    return null;
  }
}
