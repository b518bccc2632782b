package dev.jbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretSpecsTest {
  @TempDir Path tmp;

  @Test
  void aSecretIsAnIdAndAFile() throws IOException {
    Path f = Files.writeString(tmp.resolve("token"), "s3cret");
    assertThat(SecretSpecs.parse(List.of("id=tok,src=" + f)))
        .isEqualTo(Map.of("tok", f.toAbsolutePath()));
    assertThat(SecretSpecs.parse(List.of("type=file,ID=tok,Source=" + f)))
        .isEqualTo(Map.of("tok", f.toAbsolutePath()));
  }

  @Test
  void aQuotedSourceMayHoldCommasAsInBuildx() throws IOException {
    Path f = Files.writeString(tmp.resolve("a,b"), "s3cret");
    assertThat(SecretSpecs.parse(List.of("id=tok,\"src=" + f + "\"")))
        .isEqualTo(Map.of("tok", f.toAbsolutePath()));
  }

  @Test
  void badSpecsAreUsageErrorsThatNameTheSpec() throws IOException {
    Path f = Files.writeString(tmp.resolve("token"), "s3cret");
    assertThatThrownBy(() -> SecretSpecs.parse(List.of("id=tok,\"src=" + f)))
        .isInstanceOf(UsageError.class)
        .hasMessageContaining("quote is not closed");
    assertThatThrownBy(() -> SecretSpecs.parse(List.of("id=tok,src=" + f + ",mode=0400")))
        .isInstanceOf(UsageError.class)
        .hasMessageContaining("unknown field \"mode\"");
    assertThatThrownBy(() -> SecretSpecs.parse(List.of("id=tok")))
        .isInstanceOf(UsageError.class)
        .hasMessageContaining("expected id=ID,src=FILE");
    assertThatThrownBy(() -> SecretSpecs.parse(List.of("id=tok,src=" + tmp.resolve("none"))))
        .isInstanceOf(UsageError.class)
        .hasMessageContaining("is not a readable file");
  }
}
