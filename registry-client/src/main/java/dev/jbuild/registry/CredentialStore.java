package dev.jbuild.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Credentials in docker's {@code config.json} and containers' {@code auth.json} format: {@code
 * auths} entries, per-registry {@code credHelpers} and a default {@code credsStore}, both run as
 * {@code docker-credential-<name>}. Lookups read the files in order and take the first match;
 * {@link #login} writes the primary file (or its helper); {@link #logout} erases from all. Files
 * are read with the streaming parser ({@link JsonValues}): a pull that looks up credentials does
 * not build databind's mapper; only login and logout, which rewrite a file, use it to write.
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
      Map<String, @Nullable Object> root = JsonValues.object(read(file));
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
      Optional<Credentials> c = fromAuths(file, JsonValues.object(root, "auths"), registry);
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  /** Stores {@code creds} for {@code registry}; returns where (a file or a helper name). */
  public String login(String registry, Credentials creds) {
    Map<String, @Nullable Object> root = readForUpdate(primary);
    String helper = helperFor(root, registry);
    if (helper != null) {
      helpers.store(helper, serverUrl(registry), creds);
      return "docker-credential-" + helper;
    }
    Map<String, @Nullable Object> auths = JsonValues.object(root, "auths");
    if (auths == null) {
      auths = new LinkedHashMap<>();
      root.put("auths", auths);
    }
    Map<String, @Nullable Object> entry = new LinkedHashMap<>();
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
    auths.put(writeKey(registry), entry);
    write(primary, root);
    return primary.toString();
  }

  /** Removes credentials for {@code registry} from every file and helper; false if none. */
  public boolean logout(String registry) {
    boolean removed = false;
    for (Path file : files) {
      Map<String, @Nullable Object> root = JsonValues.object(read(file));
      if (root == null) {
        continue;
      }
      String helper = helperFor(root, registry);
      if (helper != null) {
        removed |= helpers.erase(helper, serverUrl(registry));
      }
      Map<String, @Nullable Object> auths = JsonValues.object(root, "auths");
      boolean changed = false;
      if (auths != null) {
        for (String key : keysFor(registry)) {
          changed |= auths.containsKey(key);
          auths.remove(key);
        }
      }
      if (changed) {
        write(file, root);
        removed = true;
      }
    }
    return removed;
  }

  private Optional<Credentials> fromAuths(
      Path file, @Nullable Map<String, @Nullable Object> auths, String registry) {
    if (auths == null) {
      return Optional.empty();
    }
    for (String key : keysFor(registry)) {
      if (auths.containsKey(key)) {
        return Optional.of(decode(file, key, JsonValues.object(auths, key)));
      }
    }
    for (String key : auths.keySet()) {
      if (normalize(key).equals(registry)) {
        return Optional.of(decode(file, key, JsonValues.object(auths, key)));
      }
    }
    return Optional.empty();
  }

  private static Credentials decode(
      Path file, String key, @Nullable Map<String, @Nullable Object> entry) {
    String auth = JsonValues.text(entry, "auth", "");
    String user = JsonValues.text(entry, "username", "");
    String pass = JsonValues.text(entry, "password", "");
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
    String token = JsonValues.text(entry, "identitytoken", "");
    return token.isEmpty()
        ? Credentials.basic(user, pass)
        : Credentials.ofIdentityToken(user, token);
  }

  private static @Nullable String helperFor(Map<String, @Nullable Object> root, String registry) {
    Map<String, @Nullable Object> helpers = JsonValues.object(root, "credHelpers");
    for (String key : keysFor(registry)) {
      String h = JsonValues.text(helpers, key, "");
      if (!h.isEmpty()) {
        return h;
      }
    }
    String store = JsonValues.text(root, "credsStore", "");
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

  private static @Nullable Object read(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return JsonValues.parse(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new RegistryException(
          "read credentials " + file + ": not valid JSON (" + firstLine(e) + "); fix or remove it");
    }
  }

  private static Map<String, @Nullable Object> readForUpdate(Path file) {
    if (!Files.isRegularFile(file)) {
      return new LinkedHashMap<>();
    }
    Map<String, @Nullable Object> root = JsonValues.object(read(file));
    if (root == null) {
      throw new RegistryException("read credentials " + file + ": expected a JSON object");
    }
    return root;
  }

  // Temp file + rename so a crash never leaves a truncated credentials file; 0600 always.
  private static void write(Path file, Map<String, @Nullable Object> root) {
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
