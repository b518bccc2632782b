package dev.jbuild.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Finds the Dockerfile and the .dockerignore for a build the way docker does: {@code -f} is
 * relative to the working directory; the default is CONTEXT/Dockerfile; {@code -} reads stdin;
 * {@code <Dockerfile>.dockerignore} beside the Dockerfile wins over CONTEXT/.dockerignore.
 */
record DockerfileSource(
    @Nullable Path contextDir, String displayName, String text, @Nullable String ignoreText) {

  /**
   * @param textFile when set, the Dockerfile text (a re-executed build gets the text its parent
   *     read, instead of reading the file or stdin again)
   */
  static DockerfileSource resolve(String context, @Nullable String file, @Nullable Path textFile)
      throws IOException {
    if (textFile != null) {
      return read(context, file, Files.readString(textFile, StandardCharsets.UTF_8));
    }
    return read(context, file, null);
  }

  private static DockerfileSource read(String context, @Nullable String file, @Nullable String text)
      throws IOException {
    if (context.equals("-")) {
      return new DockerfileSource(null, "Dockerfile", text != null ? text : readStdin(), null);
    }
    Path ctx = Path.of(context).toAbsolutePath().normalize();
    if (!Files.isDirectory(ctx)) {
      throw new UserError(
          "unable to prepare context: path \"" + context + "\" not found or not a directory");
    }
    if ("-".equals(file)) {
      String t = text != null ? text : readStdin();
      return new DockerfileSource(ctx, "Dockerfile", t, readIgnore(ctx, null));
    }
    Path dockerfile = file == null ? ctx.resolve("Dockerfile") : Path.of(file).toAbsolutePath();
    if (!Files.isRegularFile(dockerfile)) {
      throw new UserError(
          "failed to read dockerfile: "
              + (file == null ? context + "/Dockerfile" : file)
              + ": no such file; pass its path with -f");
    }
    String name = file == null ? "Dockerfile" : file;
    String t = text != null ? text : Files.readString(dockerfile, StandardCharsets.UTF_8);
    return new DockerfileSource(ctx, name, t, readIgnore(ctx, dockerfile));
  }

  private static @Nullable String readIgnore(Path ctx, @Nullable Path dockerfile)
      throws IOException {
    if (dockerfile != null) {
      Path specific = dockerfile.resolveSibling(dockerfile.getFileName() + ".dockerignore");
      if (Files.isRegularFile(specific)) {
        return Files.readString(specific, StandardCharsets.UTF_8);
      }
    }
    Path general = ctx.resolve(".dockerignore");
    return Files.isRegularFile(general) ? Files.readString(general, StandardCharsets.UTF_8) : null;
  }

  private static String readStdin() throws IOException {
    InputStream in = System.in;
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }
}
