package dev.jbuild.cli.build;

import dev.jbuild.cli.output.OutputTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything one {@code jbuild build} was asked to do, resolved from flags and environment.
 *
 * @param context the build context directory, or null when the Dockerfile came from stdin
 * @param dockerfileName how errors name the Dockerfile (its path as given, or "Dockerfile")
 * @param dockerfileText the Dockerfile's text
 * @param ignoreText the effective .dockerignore text, or null when there is none
 * @param platform the target platform, {@code os/arch[/variant]} (the host's by default)
 * @param buildContexts named extra contexts ({@code --build-context name=path})
 */
public record BuildRequest(
    @Nullable Path context,
    String dockerfileName,
    String dockerfileText,
    @Nullable String ignoreText,
    Map<String, String> buildArgs,
    @Nullable String target,
    String platform,
    Map<String, String> labels,
    boolean noCache,
    boolean pull,
    Map<String, Path> buildContexts,
    List<OutputTarget> outputs,
    @Nullable Path iidFile,
    @Nullable Path metadataFile,
    Path storeRoot,
    Map<String, String> environment,
    BuildOptions options) {}
