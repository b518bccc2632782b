package dev.jbuild.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.registry.testkit.RealRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The build cache: every input of a step's key turns a hit into a miss for that step and the ones
 * after it, and nothing else does.
 */
class BuildCacheTest {
  private static final String DOCKERFILE =
      """
      FROM scratch AS deps
      ARG V=1
      COPY --chmod=644 lib/ /lib/
      FROM scratch
      ARG V=1
      LABEL v=$V
      WORKDIR /app
      COPY src/ ./
      COPY --from=deps /lib /deps
      ENV MODE=prod
      """;
  private static final String ARG = "ARG V=1";
  private static final String LABEL = "LABEL v=$V";
  private static final String WORKDIR = "WORKDIR /app";
  private static final String COPY_LIB = "COPY --chmod=644 lib/ /lib/";
  private static final String COPY_SRC = "COPY src/ ./";
  private static final String COPY_DEPS = "COPY --from=deps /lib /deps";
  private static final String ENV = "ENV MODE=prod";

  @TempDir Path tmp;

  interface Change {
    /** Edits the context and returns extra build flags. */
    List<String> apply(Path ctx) throws IOException;
  }

  static Stream<Arguments> changes() {
    return Stream.of(
        Arguments.of(
            "touching a source's mtime",
            (Change) ctx -> touch(ctx.resolve("src/main.txt")),
            List.of()),
        Arguments.of(
            "changing a .dockerignore'd file",
            (Change) ctx -> write(ctx.resolve("src/debug.log"), "other"),
            List.of()),
        Arguments.of(
            "moving steps down a line with a comment",
            (Change) ctx -> write(ctx.resolve("Dockerfile"), "# a comment\n" + DOCKERFILE),
            List.of()),
        Arguments.of(
            "an undeclared build-arg",
            (Change) ctx -> List.of("--build-arg", "UNUSED=1"),
            List.of()),
        Arguments.of(
            "a source file's content",
            (Change) ctx -> write(ctx.resolve("src/main.txt"), "changed"),
            List.of(COPY_SRC, COPY_DEPS, ENV)),
        Arguments.of(
            "a source file's mode",
            (Change) ctx -> chmod(ctx.resolve("src/main.txt"), "rwxr-xr-x"),
            List.of(COPY_SRC, COPY_DEPS, ENV)),
        Arguments.of(
            "a source file's owner",
            (Change) ctx -> chown(ctx.resolve("src/main.txt"), 1234),
            List.of(COPY_SRC, COPY_DEPS, ENV)),
        Arguments.of(
            "a symlink's target",
            (Change) ctx -> relink(ctx.resolve("src/link"), "other"),
            List.of(COPY_SRC, COPY_DEPS, ENV)),
        Arguments.of(
            "a file replaced by a symlink",
            (Change) ctx -> replaceWithLink(ctx.resolve("src/main.txt")),
            List.of(COPY_SRC, COPY_DEPS, ENV)),
        Arguments.of(
            "a new source file",
            (Change) ctx -> write(ctx.resolve("src/new.txt"), "new"),
            List.of(COPY_SRC, COPY_DEPS, ENV)),
        Arguments.of(
            "a declared build-arg's value",
            (Change) ctx -> List.of("--build-arg", "V=2"),
            List.of(LABEL, WORKDIR, COPY_SRC, COPY_DEPS, ENV)),
        Arguments.of(
            "--chmod of a COPY in another stage",
            (Change)
                ctx ->
                    write(
                        ctx.resolve("Dockerfile"),
                        DOCKERFILE.replace("--chmod=644", "--chmod=600")),
            List.of("COPY --chmod=600 lib/ /lib/", COPY_DEPS, ENV)),
        Arguments.of(
            "content the other stage copies",
            (Change) ctx -> write(ctx.resolve("lib/dep.so"), "v2"),
            List.of(COPY_LIB, COPY_DEPS, ENV)),
        Arguments.of(
            "the platform",
            (Change) ctx -> List.of("--platform", "linux/s390x"),
            List.of(ARG, COPY_LIB, LABEL, WORKDIR, COPY_SRC, COPY_DEPS, ENV)),
        Arguments.of(
            "--no-cache",
            (Change) ctx -> List.of("--no-cache"),
            List.of(ARG, COPY_LIB, ARG, LABEL, WORKDIR, COPY_SRC, COPY_DEPS, ENV)),
        Arguments.of(
            "--no-cache-filter on the first stage (its layer comes out the same)",
            (Change) ctx -> List.of("--no-cache-filter", "deps"),
            List.of(ARG, COPY_LIB)),
        Arguments.of(
            "--cache-ttl shorter than the entries' age",
            (Change) ctx -> List.of("--cache-ttl", "1ns"),
            List.of(ARG, COPY_LIB, LABEL, WORKDIR, COPY_SRC, COPY_DEPS, ENV)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void rebuildRunsExactlyTheStepsWhoseKeyChanged(String what, Change change, List<String> ran)
      throws Exception {
    Path ctx = context();
    CliRun first = build(ctx, List.of());
    // 7 of 8: the second stage's ARG is the first stage's step on the same (empty) base.
    assertThat(StepLog.ran(first.err)).as(first.toString()).hasSize(7);

    List<String> flags = change.apply(ctx);
    CliRun second = build(ctx, flags);

    assertThat(second.exitCode).as(second.toString()).isZero();
    assertThat(StepLog.ran(second.err)).as(what + "\n" + second.err).isEqualTo(ran);
  }

  @Test
  void noOpRebuildWithoutSourceDateEpochGivesTheSameImageId() throws Exception {
    Path ctx = context();
    Path store = tmp.resolve("store");
    Map<String, String> env = Map.of();
    CliRun a = CliRun.jbuild(store, env, "build", "-t", "app:1", ctx.toString());
    CliRun b = CliRun.jbuild(store, env, "build", "-t", "app:1", ctx.toString());

    assertThat(StepLog.ran(b.err)).isEmpty();
    assertThat(imageId(b.err)).isEqualTo(imageId(a.err));
  }

  @Test
  void pruneKeepsWhatCacheEntriesNameSoTheRebuildStillHits() throws Exception {
    Path ctx = context();
    build(ctx, List.of());
    CliRun prune =
        CliRun.jbuild(tmp.resolve("store"), "prune", "--root", tmp.resolve("store").toString());
    assertThat(prune.exitCode).as(prune.toString()).isZero();

    Path layout = tmp.resolve("layout");
    CliRun again = build(ctx, List.of("-o", "type=oci,tar=false,dest=" + layout));

    assertThat(StepLog.ran(again.err)).as(again.toString()).isEmpty();
    Tool.ok("skopeo", "inspect", "oci:" + layout);
  }

  @Test
  void registryCacheWithModeMaxLetsAnEmptyStoreRebuildWithoutRunningAStep() throws Exception {
    Path ctx = context();
    try (RealRegistry registry = RealRegistry.plainHttp(tmp.resolve("registry"))) {
      String ref = registry.address() + "/app/cache:buildcache";
      CliRun first = inStore("a", ctx, "--cache-to", "type=registry,ref=" + ref + ",mode=max");
      assertThat(first.exitCode).as(first.toString()).isZero();

      CliRun fresh = inStore("b", ctx, "--cache-from", "type=registry,ref=" + ref);

      assertThat(fresh.exitCode).as(fresh.toString()).isZero();
      assertThat(StepLog.ran(fresh.err)).as(fresh.err).isEmpty();
      assertThat(imageId(fresh.err)).isEqualTo(imageId(first.err));
    }
  }

  @Test
  void localCacheWithModeMinCarriesOnlyTheFinalStage() throws Exception {
    Path ctx = context();
    Path dir = tmp.resolve("shared-cache");
    CliRun first = inStore("a", ctx, "--cache-to", "type=local,dest=" + dir);
    assertThat(first.exitCode).as(first.toString()).isZero();

    CliRun fresh = inStore("b", ctx, "--cache-from", "type=local,src=" + dir);

    assertThat(fresh.exitCode).as(fresh.toString()).isZero();
    // The first stage's ARG has the same key as the final stage's (same empty base), so it hits.
    assertThat(StepLog.ran(fresh.err)).as(fresh.err).isEqualTo(List.of(COPY_LIB));
    assertThat(imageId(fresh.err)).isEqualTo(imageId(first.err));
  }

  @Test
  void aMissingCacheSourceIsAWarningNotAFailure() throws Exception {
    Path ctx = context();
    CliRun r = inStore("a", ctx, "--cache-from", "type=local,src=" + tmp.resolve("nothing"));

    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.err).contains("WARNING").contains("nothing");
  }

  @Test
  void aBadCacheSpecIsAUsageError() throws Exception {
    CliRun r = inStore("a", context(), "--cache-to", "type=gha");

    assertThat(r.exitCode).isEqualTo(2);
    assertThat(r.err).contains("--cache-to").contains("type=gha");
  }

  @Test
  void anAddOfAUrlAlwaysFetchesAndTheNextStepsHitWhenTheContentIsTheSame() throws Exception {
    byte[][] body = {"one".getBytes(java.nio.charset.StandardCharsets.UTF_8)};
    com.sun.net.httpserver.HttpServer server =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/f",
        ex -> {
          ex.sendResponseHeaders(200, body[0].length);
          ex.getResponseBody().write(body[0]);
          ex.close();
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/f";
      Path ctx = Files.createDirectories(tmp.resolve("addctx"));
      write(ctx.resolve("Dockerfile"), "FROM scratch\nADD " + url + " /f\nENV X=1\n");
      String add = "ADD " + url + " /f";

      assertThat(StepLog.ran(build(ctx, List.of()).err)).isEqualTo(List.of(add, "ENV X=1"));
      assertThat(StepLog.ran(build(ctx, List.of()).err)).as("same content").isEqualTo(List.of(add));
      body[0] = "two".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      assertThat(StepLog.ran(build(ctx, List.of()).err))
          .as("new content")
          .isEqualTo(List.of(add, "ENV X=1"));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aCacheTtlThatIsNotAPositiveGoDurationIsAUsageError() throws Exception {
    Path ctx = context();
    for (String ttl : List.of("soon", "-1h", "1d")) {
      CliRun r = inStore("a", ctx, "--cache-ttl", ttl);

      assertThat(r.exitCode).as(ttl).isEqualTo(2);
      assertThat(r.err).as(ttl).contains("--cache-ttl \"" + ttl + "\"").contains("24h");
    }
  }

  private CliRun inStore(String store, Path ctx, String... flags) {
    List<String> args = new ArrayList<>(List.of("build", "-t", "app:1"));
    args.addAll(List.of(flags));
    args.add(ctx.toString());
    return CliRun.jbuild(tmp.resolve("store-" + store), args.toArray(String[]::new));
  }

  private CliRun build(Path ctx, List<String> flags) {
    List<String> args = new ArrayList<>(List.of("build", "-t", "app:1"));
    args.addAll(flags);
    args.add(ctx.toString());
    return CliRun.jbuild(tmp.resolve("store"), args.toArray(String[]::new));
  }

  private Path context() throws IOException {
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    write(ctx.resolve("Dockerfile"), DOCKERFILE);
    write(ctx.resolve(".dockerignore"), "**/*.log\n");
    write(ctx.resolve("src/main.txt"), "main");
    write(ctx.resolve("src/debug.log"), "log");
    Files.createSymbolicLink(ctx.resolve("src/link"), Path.of("main.txt"));
    write(ctx.resolve("lib/dep.so"), "v1");
    return ctx;
  }

  private static String imageId(String progress) {
    int at = progress.lastIndexOf("writing image ");
    return progress.substring(at, progress.indexOf(" done", at));
  }

  private static List<String> write(Path p, String text) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return List.of();
  }

  private static List<String> touch(Path p) throws IOException {
    Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2001-02-03T04:05:06Z")));
    return List.of();
  }

  private static List<String> chmod(Path p, String perms) throws IOException {
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    return List.of();
  }

  private static List<String> chown(Path p, int uid) throws IOException {
    Files.setAttribute(p, "unix:uid", uid);
    return List.of();
  }

  private static List<String> relink(Path link, String target) throws IOException {
    Files.delete(link);
    Files.createSymbolicLink(link, Path.of(target));
    return List.of();
  }

  private static List<String> replaceWithLink(Path file) throws IOException {
    Files.delete(file);
    Files.createSymbolicLink(file, Path.of("link"));
    return List.of();
  }
}
