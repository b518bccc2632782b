package dev.jbuild.cli.build;

import dev.jbuild.cli.build.copy.SourceTree;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves {@code COPY --from=X}: a stage of this build (by name or index), else a named build
 * context, else an image reference.
 */
final class FromSources {
  private final Map<String, StageState> stagesByName;
  private final BuildContexts contexts;
  private final ImageSources images;
  private final RootfsMaterializer rootfs;
  private final StageViews views;

  FromSources(
      Map<String, StageState> stagesByName,
      BuildContexts contexts,
      ImageSources images,
      RootfsMaterializer rootfs,
      StageViews views) {
    this.views = views;
    this.stagesByName = stagesByName;
    this.contexts = contexts;
    this.images = images;
    this.rootfs = rootfs;
  }

  SourceTree tree(String from) throws IOException {
    StageState stage = stagesByName.get(from);
    if (stage != null) {
      Optional<java.nio.file.Path> view = views.view(from);
      return SourceTree.of(
          view.isPresent() ? view.get() : rootfs.materialize(stage), "stage \"" + from + "\"");
    }
    Optional<SourceTree> named = contexts.named(from);
    if (named.isPresent()) {
      return named.get();
    }
    StageState image = images.open(from);
    return SourceTree.of(rootfs.materialize(image), "image \"" + from + "\"");
  }
}
