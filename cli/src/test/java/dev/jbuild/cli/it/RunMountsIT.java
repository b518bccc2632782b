package dev.jbuild.cli.it;

import static dev.jbuild.cli.it.ItFixtures.allBlobBytes;
import static dev.jbuild.cli.it.ItFixtures.buildBase;
import static dev.jbuild.cli.it.ItFixtures.context;
import static dev.jbuild.cli.it.ItFixtures.jbuild;
import static dev.jbuild.cli.it.ItFixtures.listing;
import static dev.jbuild.cli.it.ItFixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RUN details of issue 5 through the packaged CLI, as root and unprivileged: file modes and links,
 * opaque directories, networking, cache mounts and secrets.
 */
class RunMountsIT {
  private ServerSocket server;
  private Thread acceptor;

  @BeforeEach
  void listen() throws Exception {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try (var s = server.accept()) {
                  s.getOutputStream()
                      .write(
                          "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok"
                              .getBytes(StandardCharsets.UTF_8));
                } catch (Exception e) {
                  return;
                }
              }
            });
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterEach
  void close() throws Exception {
    server.close();
  }

  @ParameterizedTest(name = "as {0}")
  @ValueSource(strings = {"root", "unprivileged"})
  void modesLinksAndOpaqueDirectoriesBecomeLayerEntries(String who) throws Exception {
    JbuildProcess j = jbuild(who);
    buildBase(j);
    Path ctx =
        context(
            j,
            "ctx1",
            "FROM jbuild-samples/busybox:1\n"
                + "RUN mkdir -p /data/old && touch /data/old/f /tool && chmod 4755 /tool\n"
                + "RUN rm -rf /data && mkdir /data && touch /data/new"
                + " && ln /tool /tool-hard && ln -s /tool /tool-soft\n"
                + "SHELL [\"/bin/sh\", \"-c\", \"echo shell-used > /shell.txt; $0\"]\n"
                + "RUN true\n");
    Path layout = j.home().resolve("layout1");
    JbuildProcess.Result r =
        j.run(
            "build",
            "--root",
            store(j),
            "-o",
            "type=oci,dest=" + layout + ",tar=false",
            ctx.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    String list = listing(layout);
    assertThat(list).containsPattern("-rwsr-xr-x 0/0 .* tool\\n");
    assertThat(list).containsPattern("data/\\.wh\\.\\.wh\\.\\.opq|data/\\.wh\\.old");
    assertThat(list).containsPattern("tool-hard link to tool");
    assertThat(list).containsPattern("tool-soft -> /tool");
    assertThat(list).contains("shell.txt");
  }

  @ParameterizedTest(name = "as {0}")
  @ValueSource(strings = {"root", "unprivileged"})
  void networkNoneCannotReachTheHostLoopback(String who) throws Exception {
    JbuildProcess j = jbuild(who);
    buildBase(j);
    int port = server.getLocalPort();
    Path ctx =
        context(
            j,
            "ctx2",
            "FROM jbuild-samples/busybox:1\n"
                + "RUN (echo 'GET / HTTP/1.0'; echo) | nc -w 5 127.0.0.1 "
                + port
                + " > /default.txt\n"
                + "RUN --network=none ((echo 'GET / HTTP/1.0'; echo) | nc -w 3 127.0.0.1 "
                + port
                + " | grep -q HTTP && echo reached || echo unreachable) > /none.txt\n");
    Path fs = j.home().resolve("fs2");
    JbuildProcess.Result r =
        j.run("build", "--root", store(j), "-o", fs.toString(), ctx.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(Files.readString(fs.resolve("default.txt"))).startsWith("HTTP/1.0 200 OK");
    assertThat(Files.readString(fs.resolve("none.txt")).strip()).isEqualTo("unreachable");
  }

  @ParameterizedTest(name = "as {0}")
  @ValueSource(strings = {"root", "unprivileged"})
  void cacheMountsPersistAcrossBuildsAndStayOutOfLayers(String who) throws Exception {
    JbuildProcess j = jbuild(who);
    buildBase(j);
    Path ctx =
        context(
            j,
            "ctx3",
            "FROM jbuild-samples/busybox:1\n"
                + "RUN --mount=type=cache,target=/var/cache/app"
                + " echo run >> /var/cache/app/runs && wc -l < /var/cache/app/runs > /count.txt\n");
    Path fs = j.home().resolve("fs3");
    for (int i = 0; i < 2; i++) {
      JbuildProcess.Result r =
          j.run("build", "--root", store(j), "--no-cache", "-o", fs.toString(), ctx.toString());
      assertThat(r.exit()).as(r.toString()).isZero();
    }
    assertThat(Files.readString(fs.resolve("count.txt")).strip()).isEqualTo("2");
    assertThat(fs.resolve("var/cache/app/runs")).doesNotExist();
  }

  @ParameterizedTest(name = "as {0}")
  @ValueSource(strings = {"root", "unprivileged"})
  void secretsAreReadableInTheStepAndInNoBlob(String who) throws Exception {
    JbuildProcess j = jbuild(who);
    buildBase(j);
    Path secret = j.home().resolve("token.txt");
    Files.writeString(secret, "s3cr3t-canary-value");
    // The Dockerfile checks the value by digest, so the canary itself appears only in the file.
    String sha =
        java.util.HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest("s3cr3t-canary-value".getBytes(StandardCharsets.UTF_8)));
    JbuildProcess.exec(List.of("chmod", "a+r", secret.toString()), null);
    Path ctx =
        context(
            j,
            "ctx4",
            "FROM jbuild-samples/busybox:1\n"
                + "RUN --mount=type=secret,id=tok test \"$(sha256sum < /run/secrets/tok | cut -c1-64)\" = "
                + sha
                + " && echo ok > /secret-ok\n"
                + "RUN --mount=type=secret,id=tok,env=TOKEN test \"$(printf %s \"$TOKEN\" | sha256sum | cut -c1-64)\" = "
                + sha
                + " && echo ok > /secret-env-ok\n");
    Path layout = j.home().resolve("layout4");
    JbuildProcess.Result r =
        j.run(
            "build",
            "--progress=plain",
            "--root",
            store(j),
            "--secret",
            "id=tok,src=" + secret,
            "-o",
            "type=oci,dest=" + layout + ",tar=false",
            ctx.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out() + r.err()).doesNotContain("s3cr3t-canary-value");
    String bytes = allBlobBytes(layout);
    assertThat(bytes).contains("secret-ok").contains("secret-env-ok");
    assertThat(bytes).doesNotContain("s3cr3t-canary-value");
    assertThat(listing(layout)).doesNotContain("run/secrets/tok");
  }

  @ParameterizedTest(name = "as {0}")
  @ValueSource(strings = {"root", "unprivileged"})
  void workdirInProcSelfFdCannotReachTheHost(String who) throws Exception {
    JbuildProcess j = jbuild(who);
    buildBase(j);
    String marker = "jbuild-host-marker-" + Long.toHexString(System.nanoTime());
    Path hostFile = Path.of("/", marker);
    Files.writeString(hostFile, "host");
    try {
      Path ctx =
          context(
              j,
              "ctx5",
              "FROM jbuild-samples/busybox:1\n"
                  + "WORKDIR /proc/self/fd/7\n"
                  + "RUN ls -la ../../../../ ../../../../../ > /listing.txt; cat /listing.txt\n");
      Path fs = j.home().resolve("fs5");
      JbuildProcess.Result r =
          j.run(
              "build", "--progress=plain", "--root", store(j), "-o", fs.toString(), ctx.toString());
      assertThat(r.out() + r.err()).doesNotContain(marker);
      if (r.exit() == 0) {
        assertThat(Files.readString(fs.resolve("listing.txt"))).doesNotContain(marker);
      } else {
        assertThat(r.err()).contains("Dockerfile:3").doesNotContain("\tat ");
      }
    } finally {
      Files.deleteIfExists(hostFile);
    }
  }

  @ParameterizedTest(name = "as {0}")
  @ValueSource(strings = {"root", "unprivileged"})
  void copySnapshotsGiveTheSameChangesWhereOverlayIsUnavailable(String who) throws Exception {
    JbuildProcess j = jbuild(who);
    buildBase(j);
    Path ctx =
        context(
            j,
            "ctx6",
            "FROM jbuild-samples/busybox:1\n"
                + "RUN touch /owned && chown 54321:43210 /owned && rm /bin/vi"
                + " && rm -rf /home/app && mkdir /home/app && echo hi > /home/app/new\n");
    Path layout = j.home().resolve("layout6");
    JbuildProcess.Result r =
        j.run(
            "build",
            "--progress=plain",
            "--snapshotter=copy",
            "--root",
            store(j),
            "-o",
            "type=oci,dest=" + layout + ",tar=false",
            ctx.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.err()).contains("RUN snapshots: copy + tree diff");
    String list = listing(layout);
    assertThat(list).containsPattern("54321/43210 .* owned");
    assertThat(list).contains("bin/.wh.vi");
    assertThat(list).containsPattern("home/app/new");
    assertThat(list).doesNotContain("etc/hosts", "etc/resolv.conf");
  }

  @ParameterizedTest(name = "as {0}")
  @ValueSource(strings = {"root", "unprivileged"})
  void whiteoutsAndOpaqueDirsOfABaseImageHideLowerFilesInTheNextBuild(String who) throws Exception {
    JbuildProcess j = jbuild(who);
    buildBase(j);
    Path base =
        context(
            j,
            "ctx7",
            "FROM jbuild-samples/busybox:1\n"
                + "RUN rm /bin/vi && rm -rf /home/app && mkdir /home/app && touch /home/app/only\n");
    JbuildProcess.Result b = j.run("build", "--root", store(j), "-t", "base2:1", base.toString());
    assertThat(b.exit()).as(b.toString()).isZero();
    Path ctx =
        context(j, "ctx8", "FROM base2:1\nRUN test ! -e /bin/vi && ls -A /home/app > /ls.txt\n");
    Path fs = j.home().resolve("fs8");
    JbuildProcess.Result r =
        j.run("build", "--root", store(j), "-o", fs.toString(), ctx.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(Files.readString(fs.resolve("ls.txt")).strip()).isEqualTo("only");
  }

  @ParameterizedTest(name = "as {0}")
  @ValueSource(strings = {"root", "unprivileged"})
  void sshAgentSocketIsForwardedAndCacheCanBeSeededAndLocked(String who) throws Exception {
    JbuildProcess j = jbuild(who);
    buildBase(j);
    Path socket = j.home().resolve("agent.sock");
    try (var agent =
        java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      agent.bind(java.net.UnixDomainSocketAddress.of(socket));
      JbuildProcess.exec(List.of("chmod", "a+rw", socket.toString()), null);
      Path ctx =
          context(
              j,
              "ctx9",
              "FROM jbuild-samples/busybox:1\n"
                  + "RUN --mount=type=ssh test -S \"$SSH_AUTH_SOCK\" && echo \"$SSH_AUTH_SOCK\" > /ssh.txt\n"
                  + "RUN --mount=type=cache,target=/c,id=seeded,from=jbuild-samples/busybox:1,source=/etc"
                  + ",sharing=locked ls /c > /seed.txt\n");
      Path fs = j.home().resolve("fs9");
      JbuildProcess.Result r =
          j.run(
              "build",
              "--root",
              store(j),
              "--ssh",
              "default=" + socket,
              "-o",
              fs.toString(),
              ctx.toString());
      assertThat(r.exit()).as(r.toString()).isZero();
      assertThat(Files.readString(fs.resolve("ssh.txt")).strip())
          .isEqualTo("/run/buildkit/ssh_agent.0");
      assertThat(fs.resolve("run/buildkit/ssh_agent.0")).doesNotExist();
      assertThat(Files.readString(fs.resolve("seed.txt"))).contains("passwd", "group");
    }
    Path noAgent =
        context(
            j, "ctx10", "FROM jbuild-samples/busybox:1\nRUN --mount=type=ssh,required=true true\n");
    JbuildProcess.Result missing = j.run("build", "--root", store(j), noAgent.toString());
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("ssh agent \"default\" is required").contains("--ssh");
  }
}
