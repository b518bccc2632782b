package dev.jbuild.cli.build;

import dev.jbuild.image.ContainerConfig;
import dev.jbuild.image.Descriptor;
import dev.jbuild.image.History;
import dev.jbuild.image.ImageConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The image a stage has built so far: its config (with history and diffIDs) and its layer blobs.
 *
 * @param layers compressed layer descriptors, parallel to {@code config.rootfs().diffIds()}
 * @param cmdSet whether this stage set CMD (an ENTRYPOINT then keeps it, as docker does)
 */
public record StageState(ImageConfig config, List<Descriptor> layers, boolean cmdSet) {
  public StageState {
    layers = List.copyOf(layers);
  }

  public ContainerConfig container() {
    return config.config();
  }

  StageState withContainer(ContainerConfig c) {
    return new StageState(config.withConfig(c), layers, cmdSet);
  }

  StageState withCmdSet() {
    return new StageState(config, layers, true);
  }

  /** Records a metadata-only step in history ({@code empty_layer: true}). */
  StageState withEmptyLayerHistory(String createdBy, Instant created) {
    return new StageState(config.withHistory(History.of(created, createdBy, true)), layers, cmdSet);
  }

  /** Adds a layer and its history entry. */
  StageState withLayer(LayerResult layer, String createdBy, Instant created) {
    List<Descriptor> all = new ArrayList<>(layers);
    all.add(layer.descriptor());
    return new StageState(
        config.withLayer(layer.diffId(), History.of(created, createdBy, false)), all, cmdSet);
  }
}
