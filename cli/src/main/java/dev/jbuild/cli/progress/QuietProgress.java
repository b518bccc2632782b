package dev.jbuild.cli.progress;

/** {@code --progress=quiet} and {@code -q}: nothing but what the command prints itself. */
public final class QuietProgress implements Progress {
  private static final Task SILENT =
      new Task() {
        @Override
        public void log(String text) {}

        @Override
        public void cached() {}

        @Override
        public void done() {}

        @Override
        public void failed(String reason) {}
      };

  @Override
  public Task start(String name) {
    return SILENT;
  }

  @Override
  public void message(String line) {}

  @Override
  public void close() {}
}
