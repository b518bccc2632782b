package dev.jbuild.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** What the RUN integration tests share: the busybox base, contexts, and layer listings. */
final class ItFixtures {
  private ItFixtures() {}

  static JbuildProcess jbuild(String who) throws Exception {
    return who.equals("root") ? JbuildProcess.asCurrentUser() : JbuildProcess.asTestUser();
  }

  static Path repo() {
    return Path.of(System.getProperty("jbuild.repo.root", ".."));
  }

  static String store(JbuildProcess j) {
    return j.home().resolve("store").toString();
  }

  /** Builds samples/busybox into the user's store as jbuild-samples/busybox:1. */
  static void buildBase(JbuildProcess j) {
    JbuildProcess.Result base =
        j.run(
            "build",
            "--progress=plain",
            "--root",
            store(j),
            "--build-context",
            "busybox-bin=/bin",
            "-t",
            "jbuild-samples/busybox:1",
            repo().resolve("samples/busybox").toString());
    assertThat(base.exit()).as(base.toString()).isZero();
  }

  /** A context directory named {@code name} in the user's home holding {@code dockerfile}. */
  static Path context(JbuildProcess j, String name, String dockerfile) throws Exception {
    Path ctx = Files.createDirectories(j.home().resolve(name));
    Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
    JbuildProcess.exec(List.of("chmod", "-R", "a+rwX", ctx.toString()), null);
    return ctx;
  }

  /** `tar -tvz` of every layer blob of an OCI layout, numeric owners. */
  static String listing(Path layout) throws Exception {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> blobs = Files.list(layout.resolve("blobs/sha256"))) {
      for (Path b : (Iterable<Path>) blobs::iterator) {
        JbuildProcess.Result t =
            JbuildProcess.exec(List.of("tar", "--numeric-owner", "-tvzf", b.toString()), null);
        if (t.exit() == 0) {
          all.append(t.out());
        }
      }
    }
    return all.toString();
  }

  /** Every blob of an OCI layout, gzip layers uncompressed, as one string. */
  static String allBlobBytes(Path layout) throws Exception {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> blobs = Files.list(layout.resolve("blobs/sha256"))) {
      for (Path b : (Iterable<Path>) blobs::iterator) {
        byte[] raw = Files.readAllBytes(b);
        if (raw.length > 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
          try (InputStream in = new GZIPInputStream(Files.newInputStream(b))) {
            all.append(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
          }
        } else {
          all.append(new String(raw, StandardCharsets.ISO_8859_1));
        }
      }
    }
    return all.toString();
  }
}
