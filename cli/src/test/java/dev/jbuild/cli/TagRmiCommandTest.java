package dev.jbuild.cli;

import static dev.jbuild.cli.TestImages.jbuild;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.image.Digest;
import dev.jbuild.store.LocalStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TagRmiCommandTest {
  @TempDir Path root;

  private Map<String, Digest> names() throws Exception {
    try (LocalStore s = LocalStore.open(root)) {
      return s.images();
    }
  }

  @Test
  void tagAddsNormalizedNamesPointingAtTheSameManifest() throws Exception {
    Digest m = TestImages.putTagged(root, "docker.io/library/app:1", "x");

    TestImages.Run r =
        jbuild("tag", "--root", root.toString(), "app:1", "app:2", "localhost:5000/a/b");

    assertThat(r.exitCode()).isZero();
    assertThat(names())
        .containsEntry("docker.io/library/app:2", m)
        .containsEntry("localhost:5000/a/b:latest", m)
        .hasSize(3);
  }

  @Test
  void tagByAbbreviatedImageId() throws Exception {
    Digest m = TestImages.putTagged(root, "docker.io/library/app:1", "x");
    String id;
    try (LocalStore s = LocalStore.open(root)) {
      id = s.manifest(m).config().digest().hex().substring(0, 8);
    }
    assertThat(jbuild("tag", "--root", root.toString(), id, "other").exitCode()).isZero();
    assertThat(names()).containsEntry("docker.io/library/other:latest", m);
  }

  @Test
  void tagOfUnknownImageFailsInOneLine() {
    TestImages.Run r = jbuild("tag", "--root", root.toString(), "nope:1", "x");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().strip())
        .isEqualTo(
            "error: no image \"nope:1\" in the local store "
                + root
                + ": run `jbuild images` to list them");
  }

  @Test
  void tagWithInvalidNewNameWritesNothing() throws Exception {
    TestImages.putTagged(root, "docker.io/library/app:1", "x");
    TestImages.Run r = jbuild("tag", "--root", root.toString(), "app:1", "good:1", "Bad/Name");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("lowercase").doesNotContain("Exception");
    assertThat(names()).hasSize(1);
  }

  @Test
  void rmiUntagsByNameAndKeepsOtherNames() throws Exception {
    Digest m = TestImages.putTagged(root, "docker.io/library/app:1", "x");
    jbuild("tag", "--root", root.toString(), "app:1", "app:2");

    TestImages.Run r = jbuild("rmi", "--root", root.toString(), "app:1");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo("Untagged: docker.io/library/app:1\n");
    assertThat(names()).containsOnly(Map.entry("docker.io/library/app:2", m));
  }

  @Test
  void rmiByIdOfImageWithSeveralNamesNeedsForce() throws Exception {
    Digest m = TestImages.putTagged(root, "docker.io/library/app:1", "x");
    jbuild("tag", "--root", root.toString(), "app:1", "app:2");
    String id;
    try (LocalStore s = LocalStore.open(root)) {
      id = s.manifest(m).config().digest().hex().substring(0, 12);
    }

    TestImages.Run refused = jbuild("rmi", "--root", root.toString(), id);
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("has 2 names").contains("-f");
    assertThat(names()).hasSize(2);

    TestImages.Run forced = jbuild("rmi", "-f", "--root", root.toString(), id);
    assertThat(forced.exitCode()).isZero();
    assertThat(names()).isEmpty();
  }

  @Test
  void rmiRemovesKnownNamesAndFailsForUnknownOnes() throws Exception {
    TestImages.putTagged(root, "docker.io/library/app:1", "x");
    TestImages.Run r = jbuild("rmi", "--root", root.toString(), "ghost", "app:1");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("no image \"ghost\"");
    assertThat(r.out()).contains("Untagged: docker.io/library/app:1");
    assertThat(names()).isEmpty();
  }
}
