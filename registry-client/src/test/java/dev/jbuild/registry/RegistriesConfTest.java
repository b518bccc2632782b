package dev.jbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.image.Platform;
import dev.jbuild.registry.testkit.DirectorySink;
import dev.jbuild.registry.testkit.RandomImage;
import dev.jbuild.registry.testkit.RealRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistriesConfTest {
  @TempDir Path tmp;

  private static final String CONF =
      """
      unqualified-search-registries = ["docker.io"]  # ignored

      [[registry]]
      prefix = "docker.io/library"
      location = "docker.io/library"
      [[registry.mirror]]
      location = "mirror.local:5000/hub"
      insecure = true
      [[registry.mirror]]
      location = 'second.mirror'

      [[registry]]
      location = "blocked.example"
      blocked = true

      [[registry]]
      prefix = "old.example/team"
      location = "new.example/moved"
      """;

  @Test
  void mirrorsComeFirstThenTheRegistryWithPathsRewritten() {
    RegistriesConf conf = RegistriesConf.parse(CONF, "test.conf");
    assertThat(conf.pullSources(ImageReference.parse("busybox:1")))
        .extracting(ImageReference::toString)
        .containsExactly(
            "mirror.local:5000/hub/busybox:1",
            "second.mirror/busybox:1",
            "docker.io/library/busybox:1");
    assertThat(conf.insecure("mirror.local:5000")).isTrue();
    assertThat(conf.insecure("second.mirror")).isFalse();
    assertThat(conf.pullSources(ImageReference.parse("quay.io/a/b")))
        .containsExactly(ImageReference.parse("quay.io/a/b"));
  }

  @Test
  void locationRewritesPushTargets() {
    RegistriesConf conf = RegistriesConf.parse(CONF, "test.conf");
    assertThat(conf.pushTarget(ImageReference.parse("old.example/team/app:2")).toString())
        .isEqualTo("new.example/moved/app:2");
    assertThat(conf.pushTarget(ImageReference.parse("old.example/teams/app")).toString())
        .isEqualTo("old.example/teams/app:latest");
  }

  @Test
  void blockedRegistryIsRefusedWithTheReason() {
    RegistriesConf conf = RegistriesConf.parse(CONF, "test.conf");
    assertThatThrownBy(() -> conf.pullSources(ImageReference.parse("blocked.example/x")))
        .hasMessage(
            "pull blocked.example/x:latest: registry \"blocked.example\" is blocked in"
                + " registries.conf; remove `blocked = true` to use it");
  }

  @Test
  void syntaxErrorsNameFileAndLine() {
    assertThatThrownBy(() -> RegistriesConf.parse("[[registry]]\nlocation = unquoted\n", "r.conf"))
        .hasMessage("r.conf:2: expected a quoted string, found unquoted");
    assertThatThrownBy(() -> RegistriesConf.parse("[[registry.mirror]]\n", "r.conf"))
        .hasMessage("r.conf:1: [[registry.mirror]] must follow a [[registry]] table");
    assertThatThrownBy(() -> RegistriesConf.parse("[[registry]]\ninsecure = yes\n", "r.conf"))
        .hasMessage("r.conf:2: expected true or false, found yes");
  }

  @Test
  void environmentVariableFileWinsOverUserAndSystemFiles() throws Exception {
    Path explicit = tmp.resolve("explicit.conf");
    RegistryRoundTripTest.write(
        explicit, "[[registry]]\nlocation = \"a.example\"\nblocked = true\n");
    RegistryRoundTripTest.write(
        tmp.resolve("home/.config/containers/registries.conf"),
        "[[registry]]\nlocation = \"b.example\"\n");
    RegistriesConf conf =
        RegistriesConf.load(
            Map.of("CONTAINERS_REGISTRIES_CONF", explicit.toString()),
            tmp.resolve("home"),
            tmp.resolve("etc"));
    assertThat(conf.entries())
        .extracting(RegistriesConf.Entry::location)
        .containsExactly("a.example");
    assertThat(RegistriesConf.load(Map.of(), tmp.resolve("home"), tmp.resolve("etc")).entries())
        .extracting(RegistriesConf.Entry::location)
        .containsExactly("b.example");
  }

  @Test
  void pullUsesTheMirrorAndFallsBackWhenTheMirrorLacksTheImage() throws Exception {
    RandomImage.Built image = RandomImage.create(tmp.resolve("img"), 1, 5_000, 31, true);
    try (RealRegistry upstream = RealRegistry.plainHttp(tmp.resolve("up"));
        RealRegistry mirror = RealRegistry.plainHttp(tmp.resolve("mirror"))) {
      String conf =
          "[[registry]]\nlocation = \""
              + upstream.address()
              + "\"\n[[registry.mirror]]\nlocation = \""
              + mirror.address()
              + "/cache\"\n";
      RegistryOptions options =
          RegistryOptions.isolated(tmp.resolve("auth.json"))
              .withRegistriesConf(RegistriesConf.parse(conf, "t.conf"));
      try (RegistryClient client = RegistryClient.create(options)) {
        ImageReference ref = ImageReference.parse(upstream.address() + "/app:1");
        client.push(ref, image.image(), ProgressListener.NONE);
        Platform p = Platform.of("linux", "amd64", null);
        PullResult fromUpstream =
            client.pull(ref, p, new DirectorySink(tmp.resolve("s1")), ProgressListener.NONE);
        assertThat(fromUpstream.source().registry()).isEqualTo(upstream.address());

        client.push(
            ImageReference.parse(mirror.address() + "/cache/app:1"),
            image.image(),
            ProgressListener.NONE);
        PullResult fromMirror =
            client.pull(ref, p, new DirectorySink(tmp.resolve("s2")), ProgressListener.NONE);
        assertThat(fromMirror.source().toString()).isEqualTo(mirror.address() + "/cache/app:1");
        assertThat(fromMirror.manifest()).isEqualTo(image.manifest());
      }
    }
  }
}
