package dev.jbuild.cli.build.add;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.cli.Main;
import dev.jbuild.image.Digests;
import dev.jbuild.image.History;
import dev.jbuild.image.ImageConfig;
import dev.jbuild.oci.Image;
import dev.jbuild.oci.OciLayout;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `jbuild build` with ADD, in process, checked in the layers and config it writes. */
class AddBuildTest {
  private static final byte[] TOOL = "#!/bin/sh\necho tool\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path tmp;
  private TestServer server;

  @BeforeEach
  void start() {
    try {
      server = new TestServer();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    server.serve("/f", TOOL, Map.of("Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** One layer's entries by path, as a tar reader sees them. */
  private record Layer(Map<String, TarArchiveEntry> entries, Map<String, String> contents) {}

  private Path context(String dockerfile) throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
    new TestArchives()
        .dir("app", 0755, 1000, 1000)
        .file("app/run.sh", "#!/bin/sh\necho app\n", 0755, 1000, 1001)
        .file("app/data/config.ini", "x=1\n", 0640, 33, 33)
        .write(ctx.resolve("app.tar.gz"), ArchiveCompression.GZIP);
    return ctx;
  }

  private String[] run(Path ctx, Path layout) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("SOURCE_DATE_EPOCH", "1700000000");
    int code =
        Main.run(
            new String[] {
              "build",
              "--progress=plain",
              "--root=" + tmp.resolve("store"),
              "-t",
              "oci:" + layout + ":a",
              ctx.toString()
            },
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            env);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  private static List<Layer> layers(Image image) throws Exception {
    List<Layer> out = new ArrayList<>();
    for (dev.jbuild.oci.Layer l : image.layers()) {
      Map<String, TarArchiveEntry> entries = new HashMap<>();
      Map<String, String> contents = new HashMap<>();
      try (TarArchiveInputStream tar = new TarArchiveInputStream(l.openUncompressed())) {
        for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
          String name = e.getName().replaceAll("/$", "");
          entries.put(name, e);
          if (e.isFile()) {
            contents.put(name, new String(tar.readAllBytes(), StandardCharsets.UTF_8));
          }
        }
      }
      out.add(new Layer(entries, contents));
    }
    return out;
  }

  @Test
  void addUnpacksLocalArchiveWithItsOwnersAndDownloadsUrlAs0600() throws Exception {
    Path ctx =
        context(
            "FROM scratch\nADD --chown=7:7 app.tar.gz /opt/\nADD " + server.uri("/f") + " /x\n");
    Path layout = tmp.resolve("layout");
    String[] r = run(ctx, layout);
    assertThat(r[0]).as(String.join("\n", r)).isEqualTo("0");
    try (OciLayout oci = OciLayout.open(layout)) {
      Image image = oci.image("a", null);
      List<Layer> layers = layers(image);
      assertThat(layers).hasSize(2);
      Map<String, TarArchiveEntry> archive = layers.get(0).entries();
      assertThat(archive.keySet())
          .containsExactlyInAnyOrder(
              "opt", "opt/app", "opt/app/run.sh", "opt/app/data", "opt/app/data/config.ini");
      assertThat(archive.get("opt/app/run.sh").getLongUserId()).isEqualTo(1000);
      assertThat(archive.get("opt/app/run.sh").getLongGroupId()).isEqualTo(1001);
      assertThat(archive.get("opt/app/data/config.ini").getLongUserId()).isEqualTo(33);
      assertThat(archive.get("opt/app/data/config.ini").getMode() & 07777).isEqualTo(0640);
      assertThat(archive.get("opt").getLongUserId()).isEqualTo(7);
      assertThat(layers.get(0).contents().get("opt/app/run.sh")).isEqualTo("#!/bin/sh\necho app\n");

      TarArchiveEntry x = layers.get(1).entries().get("x");
      assertThat(x.getMode() & 07777).isEqualTo(0600);
      assertThat(x.getLongUserId()).isZero();
      assertThat(x.getModTime().toInstant())
          .isEqualTo(java.time.Instant.parse("2015-10-21T07:28:00Z"));
      assertThat(layers.get(1).contents().get("x"))
          .isEqualTo(new String(TOOL, StandardCharsets.UTF_8));

      ImageConfig config = image.config();
      List<String> history = config.history().stream().map(History::createdBy).toList();
      assertThat(history)
          .containsExactly(
              "ADD --chown=7:7 app.tar.gz /opt/ # buildkit",
              "ADD " + server.uri("/f") + " /x # buildkit");
    }
  }

  @Test
  void checksumMismatchFailsTheBuildNamingTheUrlAndWritesNothing() throws Exception {
    String wrong = Digests.sha256("not it".getBytes(StandardCharsets.UTF_8)).toString();
    Path ctx = context("FROM scratch\nADD --checksum=" + wrong + " " + server.uri("/f") + " /x\n");
    Path layout = tmp.resolve("layout");
    String[] r = run(ctx, layout);
    assertThat(r[0]).as(String.join("\n", r)).isEqualTo("1");
    assertThat(r[2])
        .contains("Dockerfile:2")
        .contains("ADD " + server.uri("/f") + ": checksum mismatch: expected " + wrong)
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    assertThat(layout).doesNotExist();
  }

  @Test
  void archiveEscapingTheDestinationFailsTheBuildWithoutAStackTrace() throws Exception {
    Path ctx = context("FROM scratch\nADD evil.tar /opt/\n");
    Files.write(
        ctx.resolve("evil.tar"),
        new TestArchives().file("../../etc/passwd", "x", 0644, 0, 0).tar());
    String[] r = run(ctx, tmp.resolve("layout"));
    assertThat(r[0]).as(String.join("\n", r)).isEqualTo("1");
    assertThat(r[2])
        .contains("Dockerfile:2")
        .contains("unpacking evil.tar")
        .contains("outside")
        .doesNotContain("\tat ");
  }
}
