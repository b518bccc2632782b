package dev.jbuild.cli.build;

import java.io.IOException;
import java.nio.file.Path;

/** Hands out scratch directories that live as long as the build (in the store's tmp/). */
@FunctionalInterface
interface TempDirs {
  Path get() throws IOException;
}
