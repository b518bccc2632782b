package dev.jbuild.cli;

import static dev.jbuild.cli.TestImages.jbuild;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.image.Digest;
import dev.jbuild.store.LocalStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesCommandTest {
  @TempDir Path root;

  @Test
  void imagesListsEveryNameWithRepositoryTagIdAndSize() throws Exception {
    TestImages.putTagged(root, "docker.io/library/app:1", "hello");
    TestImages.putTagged(root, "registry.example.com/team/tool:v2", "a", "b");

    TestImages.Run r = jbuild("images", "--root", root.toString());

    assertThat(r.exitCode()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).matches("REPOSITORY +TAG +IMAGE ID +CREATED +SIZE");
    assertThat(lines.get(1)).matches("docker\\.io/library/app +1 +[0-9a-f]{12} +.* ago +\\d.*B");
    assertThat(lines.get(2)).startsWith("registry.example.com/team/tool   v2 ");
    assertThat(lines).hasSize(3);
  }

  @Test
  void imagesOnAnEmptyStorePrintsOnlyTheHeader() {
    TestImages.Run r = jbuild("images", "--root", root.toString());
    assertThat(r.out().lines().toList()).containsExactly(r.out().lines().findFirst().get());
  }

  @Test
  void imagesQuietPrintsEachImageIdOnce() throws Exception {
    Digest m = TestImages.putTagged(root, "docker.io/library/app:1", "hello");
    jbuild("tag", "--root", root.toString(), "app:1", "app:2");

    TestImages.Run r = jbuild("images", "-q", "--root", root.toString());

    String id;
    try (LocalStore s = LocalStore.open(root)) {
      id = s.manifest(m).config().digest().hex().substring(0, 12);
    }
    assertThat(r.out().lines().toList()).containsExactly(id);
  }

  @Test
  void imagesDigestsAddsTheManifestDigestColumn() throws Exception {
    Digest m = TestImages.putTagged(root, "docker.io/library/app:1", "hello");
    TestImages.Run r = jbuild("images", "--digests", "--root", root.toString());
    assertThat(r.out()).contains("DIGEST").contains(m.toString());
  }

  @Test
  void imagesJsonGivesFullIdsDigestsCreatedAndSize() throws Exception {
    Digest m = TestImages.putTagged(root, "docker.io/library/app:1", "hello");
    TestImages.Run r = jbuild("images", "--format", "json", "--root", root.toString());

    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json).hasSize(1);
    JsonNode row = json.get(0);
    assertThat(row.get("Repository").asText()).isEqualTo("docker.io/library/app");
    assertThat(row.get("Tag").asText()).isEqualTo("1");
    assertThat(row.get("Digest").asText()).isEqualTo(m.toString());
    assertThat(row.get("Id").asText()).startsWith("sha256:");
    assertThat(row.get("Created").asText()).isEqualTo("2024-01-02T03:04:05Z");
    try (LocalStore s = LocalStore.open(root)) {
      var manifest = s.manifest(m);
      long size = manifest.config().size() + manifest.layers().get(0).size();
      assertThat(row.get("Size").asLong()).isEqualTo(size);
    }
  }

  @Test
  void unknownFormatIsAUsageError() {
    TestImages.Run r = jbuild("images", "--format", "yaml", "--root", root.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("yaml");
  }

  @Test
  void imagesWithARepositoryArgumentListsOnlyThatRepository() throws Exception {
    TestImages.putTagged(root, "docker.io/library/app:1", "a");
    TestImages.putTagged(root, "docker.io/library/app:2", "b");
    TestImages.putTagged(root, "docker.io/library/other:1", "c");

    List<String> all = jbuild("images", "--root", root.toString(), "app").out().lines().toList();
    List<String> one = jbuild("images", "--root", root.toString(), "app:2").out().lines().toList();

    assertThat(all).hasSize(3).allMatch(l -> !l.contains("other"));
    assertThat(one).hasSize(2);
    assertThat(one.get(1)).startsWith("docker.io/library/app   2 ");
  }
}
