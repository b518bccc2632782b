package dev.jbuild.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintWriter out =
      new PrintWriter(new java.io.OutputStreamWriter(bytes, StandardCharsets.UTF_8), true);

  @Test
  void autoIsPlainWithoutTerminalAndTtyWithOne() {
    assertThat(ProgressMode.resolve(null, null, false, false)).isEqualTo(ProgressMode.PLAIN);
    assertThat(ProgressMode.resolve("auto", null, false, true)).isEqualTo(ProgressMode.TTY);
  }

  @Test
  void flagWinsOverEnvironmentAndQuietWinsOverBoth() {
    assertThat(ProgressMode.resolve("rawjson", "plain", false, true))
        .isEqualTo(ProgressMode.RAWJSON);
    assertThat(ProgressMode.resolve(null, "plain", false, true)).isEqualTo(ProgressMode.PLAIN);
    assertThat(ProgressMode.resolve("plain", null, true, true)).isEqualTo(ProgressMode.QUIET);
  }

  @Test
  void unknownModeNamesTheChoices() {
    assertThatThrownBy(() -> ProgressMode.parse("fancy"))
        .hasMessageContaining("use auto, tty, plain, quiet or rawjson");
  }

  @Test
  void plainNumbersStepsPrefixesLogLinesAndReportsDurations() {
    AtomicLong now = new AtomicLong();
    PlainProgress p = new PlainProgress(out, now::get);
    Task from = p.start("[1/2] FROM scratch");
    from.cached();
    Task run = p.start("[2/2] RUN echo hi");
    now.addAndGet(250_000_000L);
    run.log("hi\nthere");
    now.addAndGet(100_000_000L);
    run.done();
    p.message("writing image sha256:abc");
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "#1 [1/2] FROM scratch\n#1 CACHED\n\n"
                + "#2 [2/2] RUN echo hi\n#2 0.250 hi\n#2 0.350 there\n#2 DONE 0.4s\n\n"
                + "writing image sha256:abc\n");
  }

  @Test
  void plainReportsFailureReason() {
    PlainProgress p = new PlainProgress(out, () -> 0L);
    p.start("[1/1] COPY a /").failed("\"/a\": not found");
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("#1 ERROR: \"/a\": not found");
  }

  @Test
  void rawJsonPrintsOneSolveStatusObjectPerLine() throws Exception {
    Clock fixed = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    RawJsonProgress p = new RawJsonProgress(out, fixed);
    Task t = p.start("[1/1] RUN true");
    t.log("ok\n");
    t.done();
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(3);
    ObjectMapper json = new ObjectMapper();
    JsonNode started = json.readTree(lines[0]).get("vertexes").get(0);
    assertThat(started.get("name").asText()).isEqualTo("[1/1] RUN true");
    assertThat(started.get("digest").asText()).startsWith("sha256:").hasSize(71);
    JsonNode log = json.readTree(lines[1]).get("logs").get(0);
    assertThat(log.get("data").asText()).isEqualTo("b2sK");
    assertThat(log.get("vertex").asText()).isEqualTo(started.get("digest").asText());
    JsonNode done = json.readTree(lines[2]).get("vertexes").get(0);
    assertThat(done.get("completed").asText()).isEqualTo("2026-01-02T03:04:05Z");
  }

  @Test
  void ttyFoldsLogsOfFinishedStepsAndPrintsFailedOutputAfterwards() {
    AtomicLong now = new AtomicLong();
    TtyProgress p = new TtyProgress(out, now::get);
    Task ok = p.start("[1/2] RUN echo fine");
    ok.log("fine\n");
    ok.done();
    Task bad = p.start("[2/2] RUN false");
    bad.log("boom\n");
    bad.failed("exit code 1");
    p.close();
    String text = bytes.toString(StandardCharsets.UTF_8);
    String lastFrame = text.substring(text.lastIndexOf("[+] Building"));
    assertThat(lastFrame).contains("=> [1/2] RUN echo fine").doesNotContain("# fine");
    assertThat(lastFrame).contains("=> ERROR [2/2] RUN false");
    assertThat(lastFrame).contains(" > [2/2] RUN false:\nboom\n");
  }
}
