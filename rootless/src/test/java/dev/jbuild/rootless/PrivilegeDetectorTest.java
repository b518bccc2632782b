package dev.jbuild.rootless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivilegeDetectorTest {
  private static final String EPERM = "unshare: unshare failed: Operation not permitted";

  @TempDir Path tmp;

  @Test
  void realRootWithIdentityMapNeedsNoNamespace() throws IOException {
    Host host = host(0, fakeProc("0 0 4294967295"), List.of());
    assertThat(Rootless.detect(host, h -> Optional.of("unused")).privilege())
        .isEqualTo(new Privilege.Root());
  }

  @Test
  void uidZeroWithMarkerAndPartialMapIsOurNamespace() throws IOException {
    Path proc = fakeProc("0 1002 1\n1 165536 65536");
    Host host = host(0, proc, List.of(), Map.of(UserNamespace.MARKER_ENV, "1"));
    Rootless r = Rootless.detect(host, h -> Optional.of("unused"));
    assertThat(r.inUserNamespace()).isTrue();
    assertThat(((Privilege.InNamespace) r.privilege()).ours()).isTrue();
    assertThat(r.overlay().opaqueXattr()).isEqualTo("user.overlay.opaque");
  }

  @Test
  void userWithRangeMustReexecWithFullMaps() throws IOException {
    Host host = host(1000, fakeProc("0 0 4294967295"), List.of());
    Files.writeString(host.subuidFile(), "alice:100000:65536\n");
    Files.writeString(host.subgidFile(), "alice:100000:65536\n");
    Rootless r = Rootless.detect(host, h -> Optional.empty());
    assertThat(r.needsReexec()).isTrue();
    assertThat(r.warnings()).isEmpty();
  }

  @Test
  void userWithoutRangeGetsOneWarningNamingTheFix() throws IOException {
    Host host = host(1000, fakeProc("0 0 4294967295"), List.of());
    Rootless r = Rootless.detect(host, h -> Optional.empty());
    assertThat(r.warnings())
        .singleElement()
        .asString()
        .startsWith("no subordinate id range for user 'alice'")
        .endsWith("sudo usermod --add-subuids 100000-165535 --add-subgids 100000-165535 alice");
  }

  @Test
  void apparmorRestrictionIsExplainedWithTheSysctl() throws IOException {
    Path proc = fakeProc("0 0 4294967295");
    sysctl(proc, "kernel/apparmor_restrict_unprivileged_userns", "1");
    Rootless r = Rootless.detect(host(1000, proc, fakeUnshare()), UserNamespaceProbe.unshare());
    assertThat(r.privilege()).isEqualTo(new Privilege.Blocked(BlockedMessages.apparmor(EPERM)));
    assertThatThrownBy(() -> r.runInNamespace(List.of("true")))
        .isInstanceOf(UserNamespaceUnavailableException.class)
        .hasMessage(
            "user namespaces are blocked by AppArmor"
                + " (kernel.apparmor_restrict_unprivileged_userns=1; unshare said: "
                + EPERM
                + "): run 'sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0',"
                + " or run jbuild as root with --isolation=chroot");
  }

  @Test
  void zeroMaxUserNamespacesIsExplainedWithTheSysctl() throws IOException {
    Path proc = fakeProc("0 0 4294967295");
    sysctl(proc, "user/max_user_namespaces", "0");
    Rootless r = Rootless.detect(host(1000, proc, fakeUnshare()), UserNamespaceProbe.unshare());
    assertThat(((Privilege.Blocked) r.privilege()).message())
        .isEqualTo(BlockedMessages.maxUserNamespaces(EPERM))
        .contains("sudo sysctl -w user.max_user_namespaces=");
  }

  @Test
  void unexplainedFailurePointsAtSeccompAndChroot() throws IOException {
    Rootless r =
        Rootless.detect(
            host(1000, fakeProc("0 0 4294967295"), fakeUnshare()), UserNamespaceProbe.unshare());
    assertThat(((Privilege.Blocked) r.privilege()).message())
        .isEqualTo(BlockedMessages.unknown(EPERM))
        .contains("seccomp")
        .endsWith("or run jbuild as root with --isolation=chroot");
  }

  @Test
  void missingUnshareNamesTheDebianPackage() throws IOException {
    Host host = host(1000, fakeProc("0 0 4294967295"), List.of());
    Host noTools =
        new Host(
            host.user(),
            host.env(),
            new Tools(List.of(tmp)),
            host.subuidFile(),
            host.subgidFile(),
            host.procDir(),
            host.tempDir());
    assertThatThrownBy(() -> Rootless.detect(noTools, UserNamespaceProbe.unshare()))
        .isInstanceOf(MissingToolException.class)
        .hasMessage(
            "'unshare' not found on PATH (needed to create user namespaces): install the Debian"
                + " package 'util-linux'");
  }

  private List<Path> fakeUnshare() throws IOException {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path unshare = bin.resolve("unshare");
    Files.writeString(unshare, "#!/bin/sh\necho '" + EPERM + "' >&2\nexit 1\n");
    Files.setPosixFilePermissions(unshare, PosixFilePermissions.fromString("rwxr-xr-x"));
    return List.of(bin);
  }

  private Path fakeProc(String uidMap) throws IOException {
    Path self = Files.createDirectories(tmp.resolve("proc/self"));
    Files.writeString(self.resolve("uid_map"), uidMap + "\n");
    Files.writeString(self.resolve("gid_map"), uidMap + "\n");
    return tmp.resolve("proc");
  }

  private static void sysctl(Path proc, String name, String value) throws IOException {
    Path file = proc.resolve("sys").resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, value + "\n");
  }

  private Host host(long uid, Path proc, List<Path> path) {
    return host(uid, proc, path, Map.of());
  }

  private Host host(long uid, Path proc, List<Path> path, Map<String, String> env) {
    return new Host(
        new HostUser("alice", uid, uid),
        env,
        new Tools(path),
        tmp.resolve("subuid"),
        tmp.resolve("subgid"),
        proc,
        tmp.resolve("t"));
  }
}
