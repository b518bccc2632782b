package dev.jbuild.cli;

import dev.jbuild.cli.build.BuildEngine;
import dev.jbuild.cli.build.BuildFailedException;
import dev.jbuild.cli.build.BuildRequest;
import dev.jbuild.cli.build.BuiltImage;
import dev.jbuild.cli.build.EngineFactory;
import dev.jbuild.cli.build.ImageSources;
import dev.jbuild.cli.build.copy.PathWatch;
import dev.jbuild.cli.output.OutputTarget;
import dev.jbuild.cli.progress.Progress;
import dev.jbuild.dockerfile.BuildPlan;
import dev.jbuild.dockerfile.BuildPlanner;
import dev.jbuild.dockerfile.Dockerfile;
import dev.jbuild.dockerfile.DockerfileException;
import dev.jbuild.dockerfile.PlanRequest;
import dev.jbuild.dockerfile.Platform;
import dev.jbuild.dockerfile.Warning;
import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/** Runs one build: parse, plan, execute, assemble, export. */
final class BuildRunner {
  private BuildRunner() {}

  /**
   * @param watch told which context paths the build's cache keys read
   */
  static BuildOutcome run(BuildRequest request, Progress progress, PathWatch watch)
      throws IOException {
    Dockerfile dockerfile;
    BuildPlan plan;
    try {
      dockerfile = Dockerfile.parse(request.dockerfileName(), request.dockerfileText());
      dockerfile.warnings().forEach(w -> progress.message(warning(w, request)));
      plan =
          BuildPlanner.plan(
              dockerfile,
              new PlanRequest(
                  request.buildArgs(),
                  request.target(),
                  Platform.parse(PlatformNames.hostPlatform()),
                  Platform.parse(request.platform())));
      plan.warnings().forEach(w -> progress.message(warning(w, request)));
    } catch (DockerfileException e) {
      throw new UserError(e.userMessage(), e);
    }
    try (LocalStore store = LocalStore.open(request.storeRoot());
        EngineFactory factory = EngineFactory.create(store, request, progress, watch)) {
      BuildEngine engine = factory.engine();
      BuiltImage image;
      try {
        image = factory.assemble(engine.build(plan));
      } catch (DockerfileException e) {
        throw new UserError(e.userMessage(), e);
      } catch (BuildFailedException e) {
        throw new UserError(String.valueOf(e.getMessage()), e);
      }
      Exports.write(store, factory, image, request, progress);
      factory.exportCache(engine);
      progress.message("writing image " + image.imageId() + " done");
      String manifest = image.manifestDescriptor().digest().toString();
      Map<String, String> names = new TreeMap<>(factory.imagesByName());
      for (OutputTarget t : request.outputs()) {
        if (t instanceof OutputTarget.StoreTag s) {
          names.put(ImageSources.normalize(s.name()), manifest);
        }
      }
      boolean ranNothing = !engine.ranSteps() && factory.pulledNothing();
      return new BuildOutcome(image.imageId(), manifest, ranNothing, names);
    }
  }

  private static String warning(Warning w, BuildRequest request) {
    return "WARNING: "
        + request.dockerfileName()
        + ":"
        + w.location().startLine()
        + ": "
        + w.message();
  }
}
