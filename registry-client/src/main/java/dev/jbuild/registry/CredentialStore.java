package dev.jbuild.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Credentials in docker's {@code config.json} and containers' {@code auth.json} format: {@code
 * auths} entries, per-registry {@code credHelpers} and a default {@code credsStore}, both run as
 * {@code docker-credential-<name>}. Lookups read the files in order and take the first match;
 * {@link #login} writes the primary file (or its helper); {@link #logout} erases from all.
 */
public final class CredentialStore {
  private static final String HUB_KEY = "https://index.docker.io/v1/";

  private final List<Path> files;
  private final Path primary;
  private final CredentialHelpers helpers;

  private CredentialStore(List<Path> files, Path primary, CredentialHelpers helpers) {
    this.files = List.copyOf(files);
    this.primary = primary;
    this.helpers = helpers;
  }

  /** Reads {@code files} in order; {@link #login} writes {@code primary}. */
  public static CredentialStore of(List<Path> files, Path primary) {
    return new CredentialStore(files, primary, new CredentialHelpers(List.of()));
  }

  /** The usual files: $REGISTRY_AUTH_FILE, containers' auth.json, docker's config.json. */
  public static CredentialStore fromEnvironment() {
    return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  static CredentialStore fromEnvironment(Map<String, String> env, Path home) {
    List<Path> files = new ArrayList<>();
    String authFile = env.get("REGISTRY_AUTH_FILE");
    if (authFile != null && !authFile.isEmpty()) {
      files.add(Path.of(authFile));
    }
    String runtime = env.get("XDG_RUNTIME_DIR");
    if (runtime != null && !runtime.isEmpty()) {
      files.add(Path.of(runtime, "containers", "auth.json"));
    }
    files.add(home.resolve(".config/containers/auth.json"));
    String dockerConfig = env.get("DOCKER_CONFIG");
    Path docker =
        dockerConfig != null && !dockerConfig.isEmpty()
            ? Path.of(dockerConfig, "config.json")
            : home.resolve(".docker/config.json");
    files.add(docker);
    Path primary = authFile != null && !authFile.isEmpty() ? Path.of(authFile) : docker;
    return new CredentialStore(files, primary, new CredentialHelpers(List.of()));
  }

  /** The same files, with helpers looked up in {@code dirs} before $PATH (tests). */
  public CredentialStore withHelperDirs(List<Path> dirs) {
    return new CredentialStore(files, primary, new CredentialHelpers(dirs));
  }

  /** The file {@link #login} writes. */
  public Path primaryFile() {
    return primary;
  }

  /** Credentials for {@code registry} (a host[:port]), or empty for anonymous access. */
  public Optional<Credentials> lookup(String registry) {
    for (Path file : files) {
      JsonNode root = read(file);
      if (root == null) {
        continue;
      }
      String helper = helperFor(root, registry);
      if (helper != null) {
        Optional<Credentials> c = helpers.get(helper, serverUrl(registry));
        if (c.isPresent()) {
          return c;
        }
      }
      Optional<Credentials> c = fromAuths(file, root.path("auths"), registry);
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  /** Stores {@code creds} for {@code registry}; returns where (a file or a helper name). */
  public String login(String registry, Credentials creds) {
    ObjectNode root = readForUpdate(primary);
    String helper = helperFor(root, registry);
    if (helper != null) {
      helpers.store(helper, serverUrl(registry), creds);
      return "docker-credential-" + helper;
    }
    ObjectNode auths = root.withObjectProperty("auths");
    ObjectNode entry = JsonMapper.get().createObjectNode();
    String token = creds.identityToken();
    if (token != null) {
      entry.put("identitytoken", token);
      entry.put("auth", encode(creds.username() + ":"));
    } else {
      entry.put("auth", encode(creds.username() + ":" + creds.password()));
    }
    for (String key : keysFor(registry)) {
      auths.remove(key);
    }
    auths.set(writeKey(registry), entry);
    write(primary, root);
    return primary.toString();
  }

  /** Removes credentials for {@code registry} from every file and helper; false if none. */
  public boolean logout(String registry) {
    boolean removed = false;
    for (Path file : files) {
      JsonNode existing = read(file);
      if (!(existing instanceof ObjectNode root)) {
        continue;
      }
      String helper = helperFor(root, registry);
      if (helper != null) {
        removed |= helpers.erase(helper, serverUrl(registry));
      }
      JsonNode auths = root.path("auths");
      boolean changed = false;
      if (auths instanceof ObjectNode authsObject) {
        for (String key : keysFor(registry)) {
          changed |= authsObject.remove(key) != null;
        }
      }
      if (changed) {
        write(file, root);
        removed = true;
      }
    }
    return removed;
  }

  private Optional<Credentials> fromAuths(Path file, JsonNode auths, String registry) {
    for (String key : keysFor(registry)) {
      JsonNode entry = auths.get(key);
      if (entry != null) {
        return Optional.of(decode(file, key, entry));
      }
    }
    Iterator<String> names = auths.fieldNames();
    while (names.hasNext()) {
      String key = names.next();
      if (normalize(key).equals(registry)) {
        return Optional.of(decode(file, key, auths.path(key)));
      }
    }
    return Optional.empty();
  }

  private static Credentials decode(Path file, String key, JsonNode entry) {
    String auth = entry.path("auth").asText("");
    String user = entry.path("username").asText("");
    String pass = entry.path("password").asText("");
    if (!auth.isEmpty()) {
      String plain;
      try {
        plain = new String(Base64.getDecoder().decode(auth.strip()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new RegistryException(
            file + ": auths." + key + ".auth is not base64; run `jbuild login " + key + "` again");
      }
      int colon = plain.indexOf(':');
      if (colon < 0) {
        throw new RegistryException(
            file + ": auths." + key + ".auth is not user:password; run `jbuild login` again");
      }
      user = plain.substring(0, colon);
      pass = plain.substring(colon + 1);
    }
    String token = entry.path("identitytoken").asText("");
    return token.isEmpty()
        ? Credentials.basic(user, pass)
        : Credentials.ofIdentityToken(user, token);
  }

  private static @Nullable String helperFor(JsonNode root, String registry) {
    JsonNode helpers = root.path("credHelpers");
    for (String key : keysFor(registry)) {
      String h = helpers.path(key).asText("");
      if (!h.isEmpty()) {
        return h;
      }
    }
    String store = root.path("credsStore").asText("");
    return store.isEmpty() ? null : store;
  }

  // docker.io credentials live under several historic keys.
  private static List<String> keysFor(String registry) {
    if (registry.equals(ImageReference.DOCKER_HUB)) {
      return List.of(HUB_KEY, "docker.io", "index.docker.io", "registry-1.docker.io");
    }
    return List.of(registry, "https://" + registry, "http://" + registry);
  }

  private static String writeKey(String registry) {
    return registry.equals(ImageReference.DOCKER_HUB) ? HUB_KEY : registry;
  }

  private static String serverUrl(String registry) {
    return registry.equals(ImageReference.DOCKER_HUB) ? HUB_KEY : registry;
  }

  private static String normalize(String key) {
    String k = key;
    int scheme = k.indexOf("://");
    if (scheme >= 0) {
      k = k.substring(scheme + 3);
    }
    int slash = k.indexOf('/');
    return slash >= 0 ? k.substring(0, slash) : k;
  }

  private static String encode(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static @Nullable JsonNode read(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return JsonMapper.get().readTree(file.toFile());
    } catch (IOException e) {
      throw new RegistryException(
          "read credentials " + file + ": not valid JSON (" + firstLine(e) + "); fix or remove it");
    }
  }

  private static ObjectNode readForUpdate(Path file) {
    JsonNode node = read(file);
    if (node == null) {
      return JsonMapper.get().createObjectNode();
    }
    if (node instanceof ObjectNode o) {
      return o;
    }
    throw new RegistryException("read credentials " + file + ": expected a JSON object");
  }

  // Temp file + rename so a crash never leaves a truncated credentials file; 0600 always.
  private static void write(Path file, JsonNode root) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".auth", ".tmp");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        Files.write(tmp, JsonMapper.get().writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        try {
          Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new RegistryException("write credentials " + file + ": " + e.getMessage(), e);
    }
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
