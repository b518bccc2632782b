package dev.jbuild.cli.build.add;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourceKindTest {
  @ParameterizedTest
  @CsvSource({
    "app.tar.gz, LOCAL",
    "./dir/, LOCAL",
    "*.txt, LOCAL",
    "http://example.com/f, HTTP",
    "HTTPS://example.com/a/b.tgz?x=1, HTTP",
    "https://github.com/moby/buildkit.git, GIT",
    "https://github.com/moby/buildkit.git#v0.12.0, GIT",
    "https://example.com/repo.git/#main:sub, GIT",
    "git@github.com:moby/buildkit.git, GIT",
    "git://example.com/x, GIT",
    "ssh://git@example.com/x.git, GIT",
  })
  void sourcesAreClassifiedAsBuildKitDoes(String source, SourceKind expected) {
    assertThat(SourceKind.of(source)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "https://user:secret@example.com/f, https://user:xxxxx@example.com/f",
    "https://token@example.com/f, https://token@example.com/f",
    "https://example.com/a@b, https://example.com/a@b",
    "local.txt, local.txt",
  })
  void passwordsInUrlsAreMasked(String source, String shown) {
    assertThat(SourceKind.redact(source)).isEqualTo(shown);
  }
}
