package dev.jbuild.rootless;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The setup scripts write failures to a status file, apart from the step's own output. */
final class SetupStatus {
  private SetupStatus() {}

  static void check(Path status, String sandbox) throws IOException {
    if (!Files.exists(status)) {
      return;
    }
    String text = Files.readString(status).strip();
    int marker = text.indexOf("error: ");
    if (marker >= 0) {
      String detail = text.substring(marker + "error: ".length()).replace('\n', ' ');
      String before = text.substring(0, marker).strip().lines().findFirst().orElse("");
      throw new SandboxException(
          sandbox + ": " + detail + (before.isEmpty() ? "" : " (" + before + ")"));
    }
  }
}
