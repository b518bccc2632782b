package dev.jbuild.cli.build.copy;

import java.util.Optional;

/** Read-only view of the image filesystem a COPY writes on top of. */
public interface RootfsView {

  /** The entry at {@code path} (relative to "/"), without following a final symlink. */
  Optional<ExistingFile> lookup(String path);

  /** {@code path} with every symlink on it, the last name too, followed inside the image. */
  String resolve(String path);

  /**
   * {@code path} with every symlinked directory on the way resolved inside the image (so that COPY
   * to /bin/x lands in /usr/bin/x on a merged-/usr image); the last component is kept.
   */
  default String resolveParents(String path) {
    int slash = path.lastIndexOf('/');
    if (slash < 0) {
      return path;
    }
    String dir = resolve(path.substring(0, slash));
    String name = path.substring(slash + 1);
    return dir.isEmpty() ? name : dir + "/" + name;
  }

  /** An image with no files (FROM scratch). */
  RootfsView EMPTY =
      new RootfsView() {
        @Override
        public Optional<ExistingFile> lookup(String path) {
          return Optional.empty();
        }

        @Override
        public String resolve(String path) {
          return path;
        }
      };
}
