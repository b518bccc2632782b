package dev.jbuild.cli.build.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyPlannerTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final CopyOptions ROOT = new CopyOptions(0, 0, null, NOW);

  @TempDir Path ctx;
  private SourceTree tree;

  @BeforeEach
  void context() throws IOException {
    Files.createDirectories(ctx.resolve("src/lib"));
    Files.writeString(ctx.resolve("src/main.c"), "int main;");
    Files.writeString(ctx.resolve("src/lib/util.c"), "x");
    Files.writeString(ctx.resolve("a.txt"), "a");
    Files.writeString(ctx.resolve("b.txt"), "b");
    Files.writeString(ctx.resolve("secret.key"), "k");
    Files.createSymbolicLink(ctx.resolve("escape"), Path.of("/etc"));
    tree = new SourceTree(ctx, p -> p.equals("secret.key"), p -> true, "build context");
  }

  private List<String> paths(CopyPlanner p) {
    return p.entries().stream().map(e -> e.kind().name().charAt(0) + " " + e.path()).toList();
  }

  @Test
  void directorySourceCopiesItsContentsAndCreatesParents() throws IOException {
    CopyPlanner p = new CopyPlanner(RootfsView.EMPTY, ROOT).add(tree, List.of("src/"), "/app/");
    assertThat(paths(p)).containsExactly("D app", "D app/lib", "F app/lib/util.c", "F app/main.c");
  }

  @Test
  void fileToPathWithoutSlashNamesTheFile() throws IOException {
    CopyPlanner p = new CopyPlanner(RootfsView.EMPTY, ROOT).add(tree, List.of("a.txt"), "/opt/x");
    assertThat(paths(p)).containsExactly("D opt", "F opt/x");
  }

  @Test
  void fileToExistingDirectoryGoesInsideIt() throws IOException {
    RootfsView image = view(Map.of("opt", dir()));
    CopyPlanner p = new CopyPlanner(image, ROOT).add(tree, List.of("a.txt"), "/opt");
    assertThat(paths(p)).containsExactly("D opt", "F opt/a.txt");
  }

  @Test
  void wildcardsMatchSortedAndTreatDestAsDirectory() throws IOException {
    CopyPlanner p = new CopyPlanner(RootfsView.EMPTY, ROOT).add(tree, List.of("*.txt"), "/d");
    assertThat(paths(p)).containsExactly("D d", "F d/a.txt", "F d/b.txt");
  }

  @Test
  void ignoredFilesAreNotFoundAndNotCopied() throws IOException {
    assertThatThrownBy(
            () -> new CopyPlanner(RootfsView.EMPTY, ROOT).add(tree, List.of("secret.key"), "/"))
        .isInstanceOf(SourceNotFoundException.class)
        .hasMessage("\"/secret.key\": not found in build context");
    CopyPlanner all = new CopyPlanner(RootfsView.EMPTY, ROOT).add(tree, List.of("."), "/");
    assertThat(paths(all)).doesNotContain("F secret.key").contains("F a.txt");
  }

  @Test
  void symlinksCannotLeadOutOfTheContext() {
    assertThatThrownBy(
            () -> new CopyPlanner(RootfsView.EMPTY, ROOT).add(tree, List.of("escape/passwd"), "/x"))
        .isInstanceOf(SourceNotFoundException.class);
  }

  @Test
  void dotDotInSourcesIsClampedToTheContextRoot() throws IOException {
    CopyPlanner p = new CopyPlanner(RootfsView.EMPTY, ROOT).add(tree, List.of("../../a.txt"), "/");
    assertThat(paths(p)).containsExactly("F a.txt");
  }

  @Test
  void chownAndChmodApplyToCopiedEntriesAndCreatedParents() throws IOException {
    Files.setPosixFilePermissions(
        ctx.resolve("a.txt"), PosixFilePermissions.fromString("rw-------"));
    CopyOptions opts = new CopyOptions(1000, 1001, m -> 0755, NOW);
    FileEntry file =
        new CopyPlanner(RootfsView.EMPTY, opts)
            .add(tree, List.of("a.txt"), "/bin/a")
            .add(tree, List.of("src/lib/"), "/bin/")
            .entries()
            .get(1);
    assertThat(file.mode()).isEqualTo(0755);
    assertThat(file.uid()).isEqualTo(1000);
    assertThat(file.gid()).isEqualTo(1001);
    FileEntry parent =
        new CopyPlanner(RootfsView.EMPTY, opts)
            .add(tree, List.of("a.txt"), "/bin/a")
            .add(tree, List.of("src/lib/"), "/bin/")
            .entries()
            .get(0);
    assertThat(parent.uid()).isEqualTo(1000);
    assertThat(parent.mode()).isEqualTo(0755);
  }

  @Test
  void existingParentsKeepTheirOwnerAndMode() throws IOException {
    RootfsView image =
        view(Map.of("srv", new ExistingFile(FileEntry.Kind.DIRECTORY, 0750, 7, 8, NOW)));
    FileEntry parent =
        new CopyPlanner(image, new CopyOptions(1, 1, null, NOW))
            .add(tree, List.of("a.txt"), "/srv/a")
            .entries()
            .get(0);
    assertThat(parent.path()).isEqualTo("srv");
    assertThat(parent.uid()).isEqualTo(7);
    assertThat(parent.mode()).isEqualTo(0750);
  }

  @Test
  void copyIntoASymlinkedImageDirectoryLandsWhereTheLinkPoints() throws IOException {
    // merged /usr: bin -> usr/bin in the image
    RootfsView image =
        new RootfsView() {
          @Override
          public Optional<ExistingFile> lookup(String path) {
            return path.equals("usr") || path.equals("usr/bin")
                ? Optional.of(dir())
                : Optional.empty();
          }

          @Override
          public String resolve(String path) {
            return path.equals("bin") || path.startsWith("bin/") ? "usr/" + path : path;
          }
        };
    CopyPlanner p =
        new CopyPlanner(image, ROOT)
            .add(tree, List.of("src/"), "/bin/tools/")
            .add(tree, List.of("a.txt"), "/bin/a")
            .add(tree, List.of("src/lib/"), "/bin/")
            .add(tree, List.of("b.txt"), "/opt/b");
    assertThat(paths(p))
        .containsExactly(
            "D opt",
            "F opt/b",
            "D usr",
            "D usr/bin",
            "F usr/bin/a",
            "D usr/bin/tools",
            "D usr/bin/tools/lib",
            "F usr/bin/tools/lib/util.c",
            "F usr/bin/tools/main.c",
            "F usr/bin/util.c");
  }

  private static ExistingFile dir() {
    return new ExistingFile(FileEntry.Kind.DIRECTORY, 0755, 0, 0, NOW);
  }

  private static RootfsView view(Map<String, ExistingFile> files) {
    return new RootfsView() {
      @Override
      public Optional<ExistingFile> lookup(String path) {
        return Optional.ofNullable(files.get(path));
      }

      @Override
      public String resolve(String path) {
        return path;
      }
    };
  }
}
