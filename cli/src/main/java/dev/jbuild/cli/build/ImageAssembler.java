package dev.jbuild.cli.build;

import dev.jbuild.image.Descriptor;
import dev.jbuild.image.History;
import dev.jbuild.image.ImageConfig;
import dev.jbuild.image.ImageManifest;
import dev.jbuild.image.MediaTypes;
import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Writes a stage's final config and manifest into the store. */
final class ImageAssembler {
  private ImageAssembler() {}

  static BuiltImage assemble(
      LocalStore store, StageState stage, BuildSettings settings, Map<String, String> labels)
      throws IOException {
    ImageConfig config = stage.config().withCreated(created(stage.config(), settings));
    if (!labels.isEmpty()) {
      config = config.withConfig(ConfigEdits.labels(config.config(), labels));
    }
    Descriptor configDesc = store.putConfig(config, settings.dockerFormat());
    String manifestType =
        settings.dockerFormat() ? MediaTypes.DOCKER_MANIFEST : MediaTypes.OCI_MANIFEST;
    ImageManifest manifest = ImageManifest.of(manifestType, configDesc, stage.layers());
    Descriptor manifestDesc = store.putManifest(manifest);
    return new BuiltImage(manifest, manifestDesc, config, configDesc, stage);
  }

  /**
   * The image's creation time: SOURCE_DATE_EPOCH when set, else that of its newest history entry
   * (as BuildKit does), so a rebuild answered wholly from the cache has the same image ID.
   */
  private static Instant created(ImageConfig config, BuildSettings settings) {
    if (settings.sourceDateEpoch() != null) {
      return settings.now();
    }
    List<History> history = config.history();
    if (history != null && !history.isEmpty()) {
      Instant last = history.get(history.size() - 1).created();
      if (last != null) {
        return last;
      }
    }
    return settings.now();
  }
}
