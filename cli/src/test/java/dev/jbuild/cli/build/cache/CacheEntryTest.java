package dev.jbuild.cli.build.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.image.Descriptor;
import dev.jbuild.image.Digest;
import dev.jbuild.image.ImageConfig;
import dev.jbuild.image.MediaTypes;
import dev.jbuild.image.Platform;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CacheEntryTest {
  @Test
  void jsonRoundTripKeepsEveryField() {
    Descriptor layer = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, Digest.sha256("aa".repeat(32)), 1);
    ImageConfig config =
        ImageConfig.scratch(Platform.parse("linux/amd64"))
            .withLayer(
                Digest.sha256("bb".repeat(32)),
                dev.jbuild.image.History.of(
                    Instant.parse("2024-01-02T03:04:05Z"), "COPY a b # buildkit", false));
    CacheEntry e =
        new CacheEntry(
            "ab".repeat(32), Instant.parse("2026-11-28T00:00:00Z"), config, List.of(layer), true);

    CacheEntry back = CacheEntry.fromJson(e.toJson());

    assertThat(back).isEqualTo(e);
    assertThat(back.toJson()).isEqualTo(e.toJson());
  }
}
