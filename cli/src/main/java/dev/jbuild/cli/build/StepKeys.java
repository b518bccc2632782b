package dev.jbuild.cli.build;

import dev.jbuild.cli.build.add.SourceKind;
import dev.jbuild.cli.build.cache.CacheKeyBuilder;
import dev.jbuild.cli.build.cache.InstructionText;
import dev.jbuild.dockerfile.Instruction;
import dev.jbuild.dockerfile.Mount;
import dev.jbuild.dockerfile.StageScope;
import dev.jbuild.image.Digest;
import dev.jbuild.image.ImageJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Cache keys of one build. A stage's first key comes from the build-wide settings and its base
 * image (config and layers); each step's key from its parent key, the expanded instruction, and
 * what the step reads besides: for RUN the environment with the ARGs in scope (undeclared proxy
 * args excluded) and the contents of bind-mounted sources; for COPY/ADD the content digest of the
 * sources (a stage or image source by its layers' diffIDs).
 */
final class StepKeys {
  private final String root;
  private final BuildContexts contexts;
  private final FromSources fromSources;
  private final SourceHasher hasher;

  StepKeys(
      BuildSettings settings,
      BuildContexts contexts,
      FromSources fromSources,
      SourceHasher hasher) {
    this.contexts = contexts;
    this.fromSources = fromSources;
    this.hasher = hasher;
    this.root =
        new CacheKeyBuilder("jbuild build cache v1")
            .add(settings.platform().toString())
            .add(Boolean.toString(settings.dockerFormat()))
            .add(String.valueOf(settings.sourceDateEpoch()))
            .build();
  }

  /**
   * The key a stage starts from: the build's settings and its base's config, whose diffIDs name its
   * layers by content. Not the layer blobs' digests: a stage built here (uncompressed layers) and
   * the same stage from a shared cache (gzip layers) must key the same.
   */
  String base(StageState base) {
    return new CacheKeyBuilder("base")
        .add(root)
        .add(ImageJson.canonicalBytes(base.config()))
        .build();
  }

  /**
   * The key of {@code step} ({@code expanded} as the scope expanded it) run on the state keyed
   * {@code parent}. An ARG is keyed on its declaration, not its value: the value counts where a
   * later step uses it (in its expanded words, or a RUN's environment), as BuildKit does.
   */
  String step(String parent, Instruction step, Instruction expanded, StageScope scope)
      throws IOException {
    CacheKeyBuilder b = new CacheKeyBuilder("step").add(parent);
    b.add(InstructionText.canonical(step instanceof Instruction.Arg ? step : expanded));
    if (expanded instanceof Instruction.Run r) {
      b.addAll(scope.env());
      b.addAll(scope.historyArgs());
      for (Mount m : r.mounts()) {
        b.add(mountSource(m));
      }
    } else if (expanded instanceof Instruction.Copy c) {
      b.add(sources(c.from(), c.sources()));
    } else if (expanded instanceof Instruction.Add a) {
      b.add(sources(null, localSources(a.sources())));
    }
    return b.build();
  }

  private String mountSource(Mount m) throws IOException {
    if (m.type() != Mount.Type.BIND && m.from() == null) {
      return "-";
    }
    String source = m.source() == null ? "." : m.source();
    return sources(m.from(), List.of(source));
  }

  /** What the named sources hold: a content digest for trees on disk, diffIDs for stages/images. */
  private String sources(@Nullable String from, List<String> sources) throws IOException {
    if (sources.isEmpty()) {
      return "none";
    }
    if (from == null) {
      return "context:" + hasher.digest(contexts.mainOrFail(), sources);
    }
    FromSources.Source source = fromSources.resolve(from);
    if (source instanceof FromSources.Source.Stage s) {
      return "stage:" + layersOf(s.state());
    }
    if (source instanceof FromSources.Source.Context c) {
      return "named:" + hasher.digest(c.tree(), sources);
    }
    return "image:" + layersOf(((FromSources.Source.Image) source).state());
  }

  private static String layersOf(StageState s) {
    List<String> ids = new ArrayList<>();
    for (Digest d : s.config().rootfs().diffIds()) {
      ids.add(d.toString());
    }
    return new CacheKeyBuilder("layers").addAll(ids).build();
  }

  /** ADD's sources on disk (remote ones make the step {@link #remote}). */
  private static List<String> localSources(List<String> sources) {
    return sources.stream().filter(s -> SourceKind.of(s) == SourceKind.LOCAL).toList();
  }

  /**
   * Whether {@code expanded} reads something that may change behind the same words: an ADD of a URL
   * without {@code --checksum}, or of a git ref. Such a step always runs (as docker's builder
   * fetches again) and the next steps are keyed by what it produced ({@link #afterRemote}).
   */
  static boolean remote(Instruction expanded) {
    if (!(expanded instanceof Instruction.Add a)) {
      return false;
    }
    for (String s : a.sources()) {
      SourceKind kind = SourceKind.of(s);
      if (kind == SourceKind.GIT || (kind == SourceKind.HTTP && a.checksum() == null)) {
        return true;
      }
    }
    return false;
  }

  /** The key after a remote step: its parent, its words and the layer it produced. */
  String afterRemote(String parent, Instruction expanded, StageState after) {
    List<Digest> diffIds = after.config().rootfs().diffIds();
    String last = diffIds.isEmpty() ? "-" : diffIds.get(diffIds.size() - 1).toString();
    return new CacheKeyBuilder("remote")
        .add(parent)
        .add(InstructionText.canonical(expanded))
        .add(last)
        .build();
  }
}
