package dev.jbuild.rootless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every sandbox kind, as root in this JVM and as the unprivileged user in a child JVM. */
class SandboxTest {
  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> ociAsRoot() throws IOException {
    return asRoot(Isolation.OCI);
  }

  @TestFactory
  Stream<DynamicTest> builtinAsRoot() throws IOException {
    return asRoot(Isolation.ROOTLESS);
  }

  @TestFactory
  Stream<DynamicTest> chrootAsRoot() throws IOException {
    return asRoot(Isolation.CHROOT);
  }

  @TestFactory
  Stream<DynamicTest> ociAsUnprivilegedUser() throws IOException {
    return asUser(Isolation.OCI);
  }

  @TestFactory
  Stream<DynamicTest> builtinAsUnprivilegedUser() throws IOException {
    return asUser(Isolation.ROOTLESS);
  }

  @ParameterizedTest
  @EnumSource(
      value = Isolation.class,
      names = {"OCI", "ROOTLESS"})
  void networkNoneCannotReachAServerOnHostLoopbackButHostNetworkCan(Isolation isolation)
      throws IOException {
    Path rootfs = BusyboxRootfs.create(tmp.resolve("r"));
    Sandbox sandbox = root().sandbox(isolation, Optional.empty()).sandbox();
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      Thread responder = new Thread(() -> answerHttp(server));
      responder.setDaemon(true);
      responder.start();
      String probe = "nc 127.0.0.1 " + server.getLocalPort() + " </dev/null || echo no";
      assertThat(runCapturing(sandbox, rootfs, probe, Network.NONE)).isEqualTo("no\n");
      assertThat(runCapturing(sandbox, rootfs, probe, Network.HOST)).isEqualTo("reached\n");
    }
  }

  private static void answerHttp(ServerSocket server) {
    while (!server.isClosed()) {
      try (var socket = server.accept()) {
        socket.getOutputStream().write("reached\n".getBytes(StandardCharsets.US_ASCII));
      } catch (IOException e) {
        return;
      }
    }
  }

  private static String runCapturing(Sandbox sandbox, Path rootfs, String script, Network net) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    sandbox.run(
        SandboxSpec.builder(rootfs, List.of("sh", "-c", script))
            .env(List.of("PATH=/bin"))
            .network(net)
            .output(out, OutputStream.nullOutputStream())
            .build());
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void autoPicksRuncAndSaysWhy() {
    SandboxChoice choice = root().sandbox(Isolation.AUTO, Optional.empty());
    assertThat(choice.sandbox().isolation()).isEqualTo(Isolation.OCI);
    assertThat(choice.reason()).startsWith("oci: runc version ");
  }

  @Test
  void autoWithoutRuncPicksBuiltinAndSaysWhy() throws IOException {
    Host h = root().host();
    Path bin = java.nio.file.Files.createDirectory(tmp.resolve("bin"));
    for (String tool : List.of("unshare", "mount", "setpriv", "env", "hostname")) {
      Path wrapper = bin.resolve(tool);
      java.nio.file.Files.writeString(
          wrapper, "#!/bin/sh\nexec " + h.tools().find(tool).orElseThrow() + " \"$@\"\n");
      wrapper.toFile().setExecutable(true);
    }
    Tools noRunc = new Tools(List.of(bin));
    Host host =
        new Host(
            h.user(), h.env(), noRunc, h.subuidFile(), h.subgidFile(), h.procDir(), h.tempDir());
    SandboxChoice choice =
        Rootless.detect(host, UserNamespaceProbe.unshare())
            .sandbox(Isolation.AUTO, Optional.empty());
    assertThat(choice.sandbox().isolation()).isEqualTo(Isolation.ROOTLESS);
    assertThat(choice.reason()).isEqualTo("built-in namespaces: runc not found on PATH");
  }

  @Test
  void chrootRefusesMountsWithTheAlternative() throws IOException {
    Path rootfs = BusyboxRootfs.create(tmp.resolve("r"));
    SandboxSpec spec =
        SandboxSpec.builder(rootfs, List.of("true"))
            .mount(new SandboxMount.Tmpfs("/cache", 0))
            .build();
    Sandbox chroot = root().sandbox(Isolation.CHROOT, Optional.empty()).sandbox();
    assertThatThrownBy(() -> chroot.run(spec))
        .isInstanceOf(SandboxException.class)
        .hasMessage(
            "--isolation=chroot cannot mount /cache (RUN --mount needs namespaces):"
                + " use --isolation=rootless or --isolation=oci");
  }

  @Test
  void missingBindSourceIsASetupErrorNotAStepFailure() throws IOException {
    Path rootfs = BusyboxRootfs.create(tmp.resolve("r"));
    SandboxSpec spec =
        SandboxSpec.builder(rootfs, List.of("true"))
            .mount(new SandboxMount.Bind(tmp.resolve("nope"), "/data", true))
            .build();
    Sandbox builtin = root().sandbox(Isolation.ROOTLESS, Optional.empty()).sandbox();
    assertThatThrownBy(() -> builtin.run(spec))
        .isInstanceOf(SandboxException.class)
        .hasMessage("bind mount source " + tmp.resolve("nope") + " for /data does not exist");
    assertThat(BusyboxRootfs.listing(rootfs)).doesNotContain("data", "proc", "dev", "etc/hosts");
  }

  @Test
  void failedMountIsASetupErrorWithMountsOwnMessage() throws IOException {
    Path rootfs = BusyboxRootfs.create(tmp.resolve("r"));
    SandboxSpec spec =
        SandboxSpec.builder(rootfs, List.of("true"))
            .mount(new SandboxMount.Tmpfs("/cache", 0))
            .mount(new SandboxMount.Bind(rootfs.resolve("bin/busybox"), "/cache", true))
            .build();
    Sandbox builtin = root().sandbox(Isolation.ROOTLESS, Optional.empty()).sandbox();
    assertThatThrownBy(() -> builtin.run(spec))
        .isInstanceOf(SandboxException.class)
        .hasMessageStartingWith("built-in sandbox: mounting (mount: ")
        .hasMessageNotContaining("\n");
    assertThat(BusyboxRootfs.listing(rootfs)).doesNotContain("cache", "proc", "dev", "etc/hosts");
  }

  private Stream<DynamicTest> asRoot(Isolation isolation) throws IOException {
    List<SandboxCases.Result> results = SandboxCases.runAll(root(), isolation, tmp);
    String caps =
        isolation == Isolation.OCI
            ? SandboxExpectations.DOCKER_CAPS
            : SandboxExpectations.DOCKER_CAPS_NO_MKNOD;
    return results.stream()
        .map(r -> DynamicTest.dynamicTest(r.name(), () -> SandboxExpectations.check(r, caps)));
  }

  private Stream<DynamicTest> asUser(Isolation isolation) throws IOException {
    TestUser user = TestUser.resolve();
    Path dir = user.ownedTempDir();
    try {
      TestUser.Result run =
          user.run(
              ChildJvm.command(
                  dir, "sandbox", isolation.cliName(), dir.resolve("cases").toString()),
              dir,
              "");
      assertThat(run.exit()).as(run.stderr()).isZero();
      List<SandboxCases.Result> results =
          run.stdout()
              .lines()
              .filter(l -> l.startsWith("case|"))
              .map(SandboxCases.Result::parse)
              .toList();
      assertThat(results).hasSize(SandboxCases.ALL.size());
      String caps = SandboxExpectations.DOCKER_CAPS;
      return results.stream()
          .map(r -> DynamicTest.dynamicTest(r.name(), () -> SandboxExpectations.check(r, caps)));
    } finally {
      DirTrees.deleteRecursivelyQuietly(dir);
    }
  }

  private static Rootless root() {
    Rootless rootless = Rootless.detect();
    assertThat(rootless.needsReexec()).as("in-process sandbox tests run as root").isFalse();
    return rootless;
  }
}
