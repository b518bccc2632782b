package dev.jbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoreTest {
  @TempDir Path tmp;

  private static String b64(String s) {
    return java.util.Base64.getEncoder().encodeToString(s.getBytes());
  }

  @Test
  void dockerHubCredentialsAreFoundUnderTheLegacyIndexKey() throws Exception {
    Path config = tmp.resolve("home/.docker/config.json");
    RegistryRoundTripTest.write(
        config,
        "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + b64("u:p:w") + "\"}}}");
    CredentialStore store = CredentialStore.fromEnvironment(Map.of(), tmp.resolve("home"));
    assertThat(store.lookup("docker.io")).contains(Credentials.basic("u", "p:w"));
    assertThat(store.lookup("quay.io")).isEmpty();
  }

  @Test
  void registryAuthFileWinsOverDockerConfigAndUrlKeysMatchByHost() throws Exception {
    Path auth = tmp.resolve("auth.json");
    RegistryRoundTripTest.write(
        auth, "{\"auths\":{\"https://r.example:5000/v2/\":{\"auth\":\"" + b64("a:1") + "\"}}}");
    RegistryRoundTripTest.write(
        tmp.resolve("home/.docker/config.json"),
        "{\"auths\":{\"r.example:5000\":{\"auth\":\"" + b64("b:2") + "\"}}}");
    CredentialStore store =
        CredentialStore.fromEnvironment(
            Map.of("REGISTRY_AUTH_FILE", auth.toString()), tmp.resolve("home"));
    assertThat(store.lookup("r.example:5000")).contains(Credentials.basic("a", "1"));
    assertThat(store.primaryFile()).isEqualTo(auth);
  }

  @Test
  void xdgRuntimeAuthJsonIsRead() throws Exception {
    RegistryRoundTripTest.write(
        tmp.resolve("run/containers/auth.json"),
        "{\"auths\":{\"ghcr.io\":{\"auth\":\"" + b64("x:y") + "\"}}}");
    CredentialStore store =
        CredentialStore.fromEnvironment(
            Map.of("XDG_RUNTIME_DIR", tmp.resolve("run").toString()), tmp.resolve("home"));
    assertThat(store.lookup("ghcr.io")).contains(Credentials.basic("x", "y"));
  }

  @Test
  void loginWritesPrivateFileKeepingOtherSettingsAndLogoutRemovesIt() throws Exception {
    Path file = tmp.resolve("config.json");
    RegistryRoundTripTest.write(file, "{\"psFormat\":\"table\",\"auths\":{}}");
    CredentialStore store = CredentialStore.of(List.of(file), file);
    assertThat(store.login("r.example", Credentials.basic("me", "pw"))).isEqualTo(file.toString());
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.readString(file)).contains("\"psFormat\"").contains(b64("me:pw"));
    assertThat(store.lookup("r.example")).contains(Credentials.basic("me", "pw"));

    assertThat(store.logout("r.example")).isTrue();
    assertThat(store.lookup("r.example")).isEmpty();
    assertThat(store.logout("r.example")).isFalse();
    assertThat(Files.readString(file)).contains("\"psFormat\"");
  }

  @Test
  void credentialHelpersAreAskedAndToldWithDockersProtocol() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path log = tmp.resolve("helper.log");
    Path helper = bin.resolve("docker-credential-fake");
    Files.writeString(
        helper,
        "#!/bin/sh\n"
            + "input=$(cat)\n"
            + "echo \"$1 $input\" >> "
            + log
            + "\n"
            + "case \"$1\" in\n"
            + "  get) [ \"$input\" = \"helped.example\" ] && echo '{\"ServerURL\":\"helped.example\","
            + "\"Username\":\"hu\",\"Secret\":\"hs\"}' && exit 0;"
            + " echo 'credentials not found in native keychain'; exit 1;;\n"
            + "  store|erase) exit 0;;\n"
            + "esac\n");
    helper.toFile().setExecutable(true);
    Path file = tmp.resolve("config.json");
    RegistryRoundTripTest.write(file, "{\"credHelpers\":{\"helped.example\":\"fake\"}}");
    CredentialStore store = CredentialStore.of(List.of(file), file).withHelperDirs(List.of(bin));

    assertThat(store.lookup("helped.example")).contains(Credentials.basic("hu", "hs"));
    assertThat(store.login("helped.example", Credentials.basic("n", "s")))
        .isEqualTo("docker-credential-fake");
    assertThat(store.logout("helped.example")).isTrue();
    assertThat(Files.readString(log))
        .contains("get helped.example")
        .contains("store {\"ServerURL\":\"helped.example\",\"Username\":\"n\",\"Secret\":\"s\"}")
        .contains("erase helped.example");
    assertThat(Files.readString(file)).doesNotContain("\"auths\"");
  }

  @Test
  void brokenConfigFileIsNamedWithoutShowingItsContent() throws Exception {
    Path file = tmp.resolve("config.json");
    RegistryRoundTripTest.write(file, "{\"auths\": {\"x\": {\"auth\": \"c2VjcmV0\"");
    CredentialStore store = CredentialStore.of(List.of(file), file);
    assertThatThrownBy(() -> store.lookup("x"))
        .isInstanceOf(RegistryException.class)
        .hasMessageStartingWith("read credentials " + file + ": not valid JSON")
        .hasMessageNotContaining("c2VjcmV0");
  }

  @Test
  void anEmptyConfigFileHoldsNoCredentials() throws Exception {
    Path file = tmp.resolve("config.json");
    RegistryRoundTripTest.write(file, "");
    Path other = tmp.resolve("auth.json");
    RegistryRoundTripTest.write(other, "{\"auths\":{\"x\":{\"auth\":\"dTpw\"}}}");
    CredentialStore store = CredentialStore.of(List.of(file, other), file);
    assertThat(store.lookup("x")).contains(Credentials.basic("u", "p"));
    assertThat(store.lookup("y")).isEmpty();
  }

  @Test
  void credentialsNeverPrintTheirSecret() {
    assertThat(Credentials.basic("user", "hunter2").toString()).doesNotContain("hunter2");
    assertThatThrownBy(() -> Credentials.parse("hunter2"))
        .hasMessage("invalid credentials: expected USERNAME:PASSWORD (the value was not shown)");
  }
}
