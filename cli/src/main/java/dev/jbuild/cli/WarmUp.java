package dev.jbuild.cli;

import dev.jbuild.image.Digests;
import dev.jbuild.registry.RegistryClient;

/**
 * Start-up work a command is sure to need, begun on daemon threads before picocli builds the
 * command's model (~70 ms here), so that the two overlap on a second core. It only loads and
 * compiles code: nothing is read, sent or kept.
 */
final class WarmUp {
  private WarmUp() {}

  static void startFor(String[] args) {
    String command = Commands.name(args);
    if (command == null) {
      return;
    }
    switch (command) {
      case "pull" -> {
        start("jbuild-warm-http", RegistryClient::warmUp);
        start("jbuild-warm-sha256", WarmUp::hashing);
      }
      case "push", "login" -> start("jbuild-warm-http", RegistryClient::warmUp);
      default -> {}
    }
  }

  private static void start(String name, Runnable work) {
    Thread t = new Thread(work, name);
    t.setDaemon(true);
    t.start();
  }

  /**
   * Every pulled byte is hashed, and SHA-256 is only fast once the JIT's C2 compiler has compiled
   * the JDK's hashing methods (the launcher asks for them early). Left to the first blob, that
   * happened ~150 ms into the transfer, with all downloads hashing in slow code meanwhile and C2
   * idle until then. Half a megabyte hashed here in blob-like steps, during start-up, gets it done
   * before the first blob arrives; nothing is verified with this hasher.
   */
  private static void hashing() {
    try {
      // The store's random temp names load SHA-1's class; loaded after C2 compiled the SHA-256
      // loop for the only digest class it knew of, it would void that code (seen here).
      Class.forName("sun.security.provider.SHA", false, null);
    } catch (ClassNotFoundException e) {
      // another JDK's classes: nothing to prepare
    }
    byte[] chunk = new byte[4096];
    for (int i = 0; i < 8; i++) {
      Digests.Hasher h = Digests.hasher();
      for (int j = 0; j < 16; j++) {
        h.update(chunk, 0, chunk.length);
      }
      h.digest();
    }
  }
}
