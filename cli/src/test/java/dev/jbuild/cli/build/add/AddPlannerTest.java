package dev.jbuild.cli.build.add;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.cli.build.StepFailure;
import dev.jbuild.cli.build.copy.CopyOptions;
import dev.jbuild.cli.build.copy.FileEntry;
import dev.jbuild.cli.build.copy.RootfsView;
import dev.jbuild.cli.build.copy.SourceTree;
import dev.jbuild.dockerfile.Instruction;
import dev.jbuild.dockerfile.SourceRange;
import dev.jbuild.image.Digests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddPlannerTest {
  private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
  private static final CopyOptions CHOWN_5 = new CopyOptions(5, 6, null, NOW);

  @TempDir Path tmp;
  private Path ctx;
  private int scratchCount;
  private TestServer server;

  @BeforeEach
  void setUp() throws Exception {
    ctx = Files.createDirectories(tmp.resolve("ctx"));
    new TestArchives()
        .dir("app", 0755, 1000, 1000)
        .file("app/bin", "#!/bin/sh\n", 0750, 1000, 50)
        .write(ctx.resolve("app.tar.gz"), ArchiveCompression.GZIP);
    Files.writeString(ctx.resolve("notes.txt"), "notes\n");
    server = new TestServer();
    server.serve("/dl/app.tgz", Files.readAllBytes(ctx.resolve("app.tar.gz")), Map.of());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static Instruction.Add add(
      List<String> sources, String dest, @Nullable String checksum, @Nullable Boolean unpack) {
    return new Instruction.Add(
        sources,
        List.of(),
        dest,
        null,
        null,
        false,
        false,
        checksum,
        unpack,
        List.of(),
        new SourceRange(1, 1),
        "ADD");
  }

  private Map<String, FileEntry> plan(Instruction.Add add, CopyOptions opts) throws Exception {
    AddPlanner planner =
        new AddPlanner(
            RootfsView.EMPTY,
            opts,
            () -> Files.createDirectories(tmp.resolve("scratch-" + scratchCount++)));
    List<FileEntry> entries =
        planner.plan(add, add.dest(), () -> SourceTree.of(ctx, "build context"), null);
    return entries.stream().collect(Collectors.toMap(FileEntry::path, Function.identity()));
  }

  @Test
  void localArchiveUnpacksWithItsOwnOwnersWhileCreatedParentsTakeChown() throws Exception {
    Map<String, FileEntry> e = plan(add(List.of("app.tar.gz"), "/opt/", null, null), CHOWN_5);
    assertThat(e.keySet()).containsExactlyInAnyOrder("opt", "opt/app", "opt/app/bin");
    assertThat(e.get("opt/app/bin").uid()).isEqualTo(1000);
    assertThat(e.get("opt/app/bin").gid()).isEqualTo(50);
    assertThat(e.get("opt/app/bin").mode()).isEqualTo(0750);
    assertThat(e.get("opt").uid()).isEqualTo(5);
  }

  @Test
  void archiveUnpacksIntoADestinationWithoutTrailingSlash() throws Exception {
    Map<String, FileEntry> e = plan(add(List.of("app.tar.gz"), "/srv", null, null), CHOWN_5);
    assertThat(e.keySet()).containsExactlyInAnyOrder("srv", "srv/app", "srv/app/bin");
  }

  @Test
  void unpackFalseCopiesTheArchiveAsAFileWithChown() throws Exception {
    Map<String, FileEntry> e = plan(add(List.of("app.tar.gz"), "/opt/", null, false), CHOWN_5);
    assertThat(e.keySet()).containsExactlyInAnyOrder("opt", "opt/app.tar.gz");
    assertThat(e.get("opt/app.tar.gz").uid()).isEqualTo(5);
  }

  @Test
  void plainFilesAndArchivesMixLikeCopyWithADirectoryDestination() throws Exception {
    Map<String, FileEntry> e =
        plan(add(List.of("notes.txt", "app.tar.gz"), "/opt", null, null), CHOWN_5);
    assertThat(e.keySet())
        .containsExactlyInAnyOrder("opt", "opt/notes.txt", "opt/app", "opt/app/bin");
    assertThat(e.get("opt/notes.txt").uid()).isEqualTo(5);
  }

  @Test
  void wildcardMatchesAreUnpackedOneByOne() throws Exception {
    Map<String, FileEntry> e = plan(add(List.of("*.gz"), "/w", null, null), CHOWN_5);
    assertThat(e).containsKey("w/app/bin");
  }

  @Test
  void remoteArchiveIsNotUnpackedByDefault() throws Exception {
    String url = server.uri("/dl/app.tgz").toString();
    Map<String, FileEntry> e = plan(add(List.of(url), "/dl/", null, null), CHOWN_5);
    assertThat(e.keySet()).containsExactlyInAnyOrder("dl", "dl/app.tgz");
    assertThat(e.get("dl/app.tgz").mode()).isEqualTo(0600);
    assertThat(e.get("dl/app.tgz").uid()).isEqualTo(5);
  }

  @Test
  void remoteArchiveUnpacksWithUnpackTrue() throws Exception {
    String url = server.uri("/dl/app.tgz").toString();
    Map<String, FileEntry> e = plan(add(List.of(url), "/dl/", null, true), CHOWN_5);
    assertThat(e.keySet()).containsExactlyInAnyOrder("dl", "dl/app", "dl/app/bin");
  }

  @Test
  void remoteFileTakesTheDestinationNameWithoutTrailingSlash() throws Exception {
    String url = server.uri("/dl/app.tgz").toString();
    byte[] body = Files.readAllBytes(ctx.resolve("app.tar.gz"));
    String sum = Digests.sha256(body).toString();
    Map<String, FileEntry> e = plan(add(List.of(url), "/usr/local/app.tgz", sum, null), CHOWN_5);
    assertThat(e).containsKey("usr/local/app.tgz");
  }

  @Test
  void checksumOnALocalSourceIsRefused() {
    String sum = Digests.sha256("x".getBytes(StandardCharsets.UTF_8)).toString();
    assertThatThrownBy(() -> plan(add(List.of("notes.txt"), "/", sum, null), CHOWN_5))
        .isInstanceOf(StepFailure.class)
        .hasMessageContaining("--checksum only applies to http(s) sources")
        .hasMessageContaining("notes.txt");
  }

  @Test
  void malformedChecksumIsAOneLineError() {
    String url = server.uri("/dl/app.tgz").toString();
    assertThatThrownBy(() -> plan(add(List.of(url), "/", "md5:abc", null), CHOWN_5))
        .isInstanceOf(StepFailure.class)
        .hasMessageStartingWith("ADD --checksum=md5:abc: ")
        .hasMessageContaining("sha256:");
  }

  @Test
  void archiveInsideADirectorySourceIsCopiedNotUnpacked() throws Exception {
    Path dir = Files.createDirectories(ctx.resolve("dist"));
    Files.copy(ctx.resolve("app.tar.gz"), dir.resolve("app.tar.gz"));
    Map<String, FileEntry> e = plan(add(List.of("dist"), "/d/", null, null), CHOWN_5);
    assertThat(e.keySet()).containsExactlyInAnyOrder("d", "d/app.tar.gz");
  }

  @Test
  void chmodAppliesToADownload() throws Exception {
    String url = server.uri("/dl/app.tgz").toString();
    CopyOptions chmod = new CopyOptions(0, 0, m -> 0755, NOW);
    Map<String, FileEntry> e = plan(add(List.of(url), "/bin/tool", null, null), chmod);
    assertThat(e.get("bin/tool").mode()).isEqualTo(0755);
  }

  @Test
  void heredocFilesAreCopiedAndNeverUnpacked() throws Exception {
    Path inline = Files.createDirectories(tmp.resolve("inline"));
    Files.write(inline.resolve("x.tar"), new TestArchives().file("f", "f", 0644, 0, 0).tar());
    Instruction.Add a =
        new Instruction.Add(
            List.of(),
            List.of(new dev.jbuild.dockerfile.InlineFile("x.tar", "ignored", false)),
            "/h/",
            null,
            null,
            false,
            false,
            null,
            null,
            List.of(),
            new SourceRange(1, 1),
            "ADD");
    AddPlanner planner =
        new AddPlanner(RootfsView.EMPTY, CHOWN_5, () -> Files.createTempDirectory(tmp, "s"));
    List<FileEntry> entries =
        planner.plan(
            a, "/h/", () -> SourceTree.of(ctx, "build context"), SourceTree.of(inline, "heredoc"));
    assertThat(entries).extracting(FileEntry::path).containsExactly("h", "h/x.tar");
  }

  @Test
  void createdByUsesBuildKitsWording() {
    Instruction.Add a =
        new Instruction.Add(
            List.of("https://u:pw@h/x.tgz", "b"),
            List.of(),
            "/opt/",
            "1:2",
            "755",
            false,
            false,
            null,
            null,
            List.of(),
            new SourceRange(1, 1),
            "ADD");
    assertThat(AddPlanner.createdBy(a))
        .isEqualTo("ADD --chown=1:2 --chmod=755 https://u:xxxxx@h/x.tgz b /opt/ # buildkit");
  }
}
