package dev.jbuild.store;

import dev.jbuild.image.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Test helper run in a second JVM: tags {@code count} names with prefix in the store. */
public final class StoreHammer {
  private StoreHammer() {}

  public static void main(String[] args) throws Exception {
    try (LocalStore store = LocalStore.open(Path.of(args[0]))) {
      hammer(store, args[1], Integer.parseInt(args[2]));
    }
  }

  static void hammer(LocalStore store, String prefix, int count) throws Exception {
    for (int i = 0; i < count; i++) {
      Digest d = store.putBlob((prefix + i).getBytes(StandardCharsets.UTF_8));
      store.tag(prefix + i, d);
    }
  }
}
