package dev.jbuild.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviours of `jbuild build` beyond the sample: errors, stdin, contexts, local bases. */
class BuildBehaviourTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private Path context(String dockerfile) throws IOException {
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
    return ctx;
  }

  private Path store() {
    return tmp.resolve("store");
  }

  private JsonNode config(Path layout, String ref) throws Exception {
    return JSON.readTree(
        Tool.ok("skopeo", "inspect", "--config", "oci:" + layout + ":" + ref).out());
  }

  @Test
  void missingSourceFailsWithLineAndLeavesNoOutput() throws Exception {
    Path ctx = context("FROM scratch\nCOPY present.txt /\nCOPY missing.txt /\n");
    Files.writeString(ctx.resolve("present.txt"), "x");
    Path dest = tmp.resolve("out");
    CliRun r =
        CliRun.jbuild(
            store(), "build", "-o", "type=oci,dest=" + dest + ",tar=false", ctx.toString());
    assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
    assertThat(r.err).contains("Dockerfile:3").contains("missing.txt").contains("not found");
    assertThat(r.err).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(dest).doesNotExist();
  }

  @Test
  void parseErrorNamesFileLineAndColumnWithCaret() throws Exception {
    Path ctx = context("FROM scratch\nCOPY --chwon=1 a /\n");
    CliRun r = CliRun.jbuild(store(), "build", ctx.toString());
    assertThat(r.exitCode).isEqualTo(1);
    assertThat(r.err).contains("Dockerfile:2").contains("^").contains("--chown");
  }

  @Test
  void unknownFlagIsAUsageErrorWithExitCodeTwo() {
    CliRun r = CliRun.jbuild(store(), "build", "--no-such-flag", ".");
    assertThat(r.exitCode).isEqualTo(2);
    assertThat(r.err).contains("--no-such-flag").contains("jbuild build --help");
  }

  @Test
  void everyCommandHasHelp() {
    for (String cmd : new String[] {"build", "version", "unshare"}) {
      CliRun r = CliRun.jbuild(store(), cmd, "--help");
      assertThat(r.exitCode).as(cmd).isZero();
      assertThat(r.out).as(cmd).contains("Usage: jbuild " + cmd);
    }
  }

  @Test
  void dockerfileFromStdinBuildsWithoutContext() throws Exception {
    InputStream saved = System.in;
    Path layout = tmp.resolve("layout");
    try {
      System.setIn(
          new ByteArrayInputStream(
              "FROM scratch\nENV A=1\nLABEL from=stdin\n".getBytes(StandardCharsets.UTF_8)));
      CliRun r = CliRun.jbuild(store(), "build", "-t", "oci:" + layout + ":s", "-");
      assertThat(r.exitCode).as(r.toString()).isZero();
    } finally {
      System.setIn(saved);
    }
    assertThat(config(layout, "s").get("config").get("Labels").get("from").asText())
        .isEqualTo("stdin");
  }

  @Test
  void buildContextFlagServesCopyFrom() throws Exception {
    Path extra = Files.createDirectories(tmp.resolve("extra"));
    Files.writeString(extra.resolve("data.txt"), "extra!");
    Path ctx = context("FROM scratch\nCOPY --from=assets data.txt /opt/\n");
    Path out = tmp.resolve("fs");
    CliRun r =
        CliRun.jbuild(
            store(),
            "build",
            "--build-context",
            "assets=" + extra,
            "-o",
            out.toString(),
            ctx.toString());
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(Files.readString(out.resolve("opt/data.txt"))).isEqualTo("extra!");
  }

  @Test
  void imageInTheLocalStoreServesAsBase() throws Exception {
    Path base = Files.createDirectories(tmp.resolve("base"));
    Files.writeString(
        base.resolve("Dockerfile"), "FROM scratch\nCOPY a.txt /\nENV FROM_BASE=yes\n");
    Files.writeString(base.resolve("a.txt"), "a");
    assertThat(CliRun.jbuild(store(), "build", "-t", "mybase:1", base.toString()).exitCode)
        .isZero();
    Path ctx = context("FROM mybase:1\nCOPY b.txt /\n");
    Files.writeString(ctx.resolve("b.txt"), "b");
    Path layout = tmp.resolve("layout");
    CliRun r = CliRun.jbuild(store(), "build", "-t", "oci:" + layout + ":x", ctx.toString());
    assertThat(r.exitCode).as(r.toString()).isZero();
    JsonNode config = config(layout, "x");
    assertThat(config.get("rootfs").get("diff_ids")).hasSize(2);
    assertThat(config.get("config").get("Env").toString()).contains("FROM_BASE=yes");
    assertThat(r.err).contains("[1/2] FROM docker.io/library/mybase:1");
  }

  @Test
  void multiStageCopyFromStageAndTargetPruning() throws Exception {
    Path ctx =
        context(
            "FROM scratch AS one\nCOPY f /built/f\n"
                + "FROM scratch AS unused\nCOPY nope /\n"
                + "FROM scratch AS final\nCOPY --from=one /built/f /g\n");
    Files.writeString(ctx.resolve("f"), "F");
    Path out = tmp.resolve("fs");
    CliRun r = CliRun.jbuild(store(), "build", "-o", "type=local,dest=" + out, ctx.toString());
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(Files.readString(out.resolve("g"))).isEqualTo("F");
    assertThat(r.err).contains("[final 1/1] COPY --from=one /built/f /g").doesNotContain("nope");
    CliRun t =
        CliRun.jbuild(
            store(),
            "build",
            "--target",
            "one",
            "-o",
            "type=local,dest=" + tmp.resolve("one"),
            ctx.toString());
    assertThat(t.exitCode).as(t.toString()).isZero();
    assertThat(tmp.resolve("one/built/f")).exists();
  }

  @Test
  void buildArgsExpandAndEnvironmentFallbackWorks() throws Exception {
    Path ctx =
        context("FROM scratch\nARG GREETING=hi\nARG WHO\nLABEL msg=\"${GREETING} ${WHO}\"\n");
    Path layout = tmp.resolve("layout");
    CliRun r =
        CliRun.jbuild(
            store(),
            java.util.Map.of("WHO", "world"),
            "build",
            "--build-arg",
            "GREETING=hello",
            "--build-arg",
            "WHO",
            "-t",
            "oci:" + layout + ":a",
            ctx.toString());
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(config(layout, "a").get("config").get("Labels").get("msg").asText())
        .isEqualTo("hello world");
  }

  @Test
  void quietPrintsOnlyTheImageId() throws Exception {
    Path ctx = context("FROM scratch\nENV A=1\n");
    CliRun r = CliRun.jbuild(store(), "build", "-q", ctx.toString());
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.out.trim()).matches("sha256:[0-9a-f]{64}");
  }
}
