package dev.jbuild.cli.build;

import dev.jbuild.cli.build.copy.SourceTree;
import java.io.IOException;
import java.nio.file.Path;
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

  /** What {@code --from=X} names, resolved in the order above. */
  sealed interface Source {
    /** A stage of this build. */
    record Stage(StageState state) implements Source {}

    /** A named build context ({@code --build-context}). */
    record Context(SourceTree tree) implements Source {}

    /** An image from the store or its registry. */
    record Image(StageState state) implements Source {}
  }

  Source resolve(String from) throws IOException {
    StageState stage = stagesByName.get(from);
    if (stage != null) {
      return new Source.Stage(stage);
    }
    Optional<SourceTree> named = contexts.named(from);
    if (named.isPresent()) {
      return new Source.Context(named.get());
    }
    return new Source.Image(images.open(from));
  }

  /** The files {@code --from=X} can copy: a view or an unpacked copy of a stage or image. */
  SourceTree tree(String from) throws IOException {
    Source source = resolve(from);
    if (source instanceof Source.Context c) {
      return c.tree();
    }
    if (source instanceof Source.Stage s) {
      Optional<Path> view = views.view(from);
      return SourceTree.of(
          view.isPresent() ? view.get() : rootfs.materialize(s.state()), "stage \"" + from + "\"");
    }
    StageState image = ((Source.Image) source).state();
    return SourceTree.of(rootfs.materialize(image), "image \"" + from + "\"");
  }
}
