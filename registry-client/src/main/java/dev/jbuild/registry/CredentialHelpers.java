package dev.jbuild.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** Runs {@code docker-credential-<name> get|store|erase} with docker's stdin/stdout protocol. */
final class CredentialHelpers {
  private static final long TIMEOUT_SECONDS = 60;

  private final List<Path> extraDirs;

  CredentialHelpers(List<Path> extraDirs) {
    this.extraDirs = List.copyOf(extraDirs);
  }

  Optional<Credentials> get(String helper, String serverUrl) {
    Result r = run(helper, "get", serverUrl);
    if (r.exit != 0) {
      if (r.stdout.contains("credentials not found")) {
        return Optional.empty();
      }
      throw failure(helper, "get", r);
    }
    try {
      Map<String, @Nullable Object> node =
          JsonValues.parseObject(r.stdout.getBytes(StandardCharsets.UTF_8));
      String user = JsonValues.text(node, "Username", "");
      String secret = JsonValues.text(node, "Secret", "");
      if (secret.isEmpty()) {
        return Optional.empty();
      }
      // docker's convention: the username <token> marks an identity token.
      return Optional.of(
          user.equals("<token>")
              ? Credentials.ofIdentityToken("", secret)
              : Credentials.basic(user, secret));
    } catch (IOException e) {
      throw new RegistryException(
          "docker-credential-" + helper + " get: output is not the expected JSON");
    }
  }

  void store(String helper, String serverUrl, Credentials creds) {
    ObjectNode payload = JsonMapper.get().createObjectNode();
    payload.put("ServerURL", serverUrl);
    String token = creds.identityToken();
    payload.put("Username", token != null ? "<token>" : creds.username());
    payload.put("Secret", token != null ? token : creds.password());
    Result r = run(helper, "store", payload.toString());
    if (r.exit != 0) {
      throw failure(helper, "store", r);
    }
  }

  boolean erase(String helper, String serverUrl) {
    Result r = run(helper, "erase", serverUrl);
    if (r.exit != 0 && !r.stdout.contains("not found")) {
      throw failure(helper, "erase", r);
    }
    return r.exit == 0;
  }

  private record Result(int exit, String stdout) {}

  private Result run(String helper, String verb, String input) {
    String program = resolve("docker-credential-" + helper);
    try {
      Process p = new ProcessBuilder(program, verb).redirectErrorStream(true).start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(input.getBytes(StandardCharsets.UTF_8));
      }
      String out;
      try (InputStream stdout = p.getInputStream()) {
        out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new RegistryException(
            "docker-credential-" + helper + " " + verb + ": no answer in " + TIMEOUT_SECONDS + "s");
      }
      return new Result(p.exitValue(), out.strip());
    } catch (IOException e) {
      throw new RegistryException(
          "run docker-credential-"
              + helper
              + ": "
              + e.getMessage()
              + "; install it or remove it from credHelpers/credsStore");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException("docker-credential-" + helper + " " + verb + ": interrupted");
    }
  }

  private String resolve(String name) {
    for (Path dir : extraDirs) {
      Path candidate = dir.resolve(name);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return name;
  }

  // The helper's own message, never the secret (helpers do not echo it back).
  private static RegistryException failure(String helper, String verb, Result r) {
    String first = r.stdout.lines().findFirst().orElse("exit status " + r.exit);
    return new RegistryException("docker-credential-" + helper + " " + verb + ": " + first);
  }
}
