package dev.jbuild.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jbuild.image.Digest;
import dev.jbuild.store.LocalStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;

/**
 * Stands in for another jbuild process building into a store: opens it, writes a blob, prints its
 * digest, waits for a line on stdin, then tags it and exits. Run as a separate JVM by tests.
 */
final class ConcurrentBuildProcess {
  private ConcurrentBuildProcess() {}

  public static void main(String[] args) throws Exception {
    try (LocalStore store = LocalStore.open(Path.of(args[0]))) {
      Digest blob = store.putBlob(("layer of a running build " + args[1]).getBytes(UTF_8));
      System.out.println(blob);
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, UTF_8)).readLine();
      System.out.println(store.hasBlob(blob) ? "still there" : "gone");
    }
  }
}
