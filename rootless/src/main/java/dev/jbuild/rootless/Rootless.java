package dev.jbuild.rootless;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The module's entry point, created once at start-up and passed around: what this process may do
 * ({@link #privilege()}), and the operations that depend on it.
 *
 * <pre>{@code
 * Rootless rootless = Rootless.detect();
 * if (rootless.needsReexec()) System.exit(rootless.runInNamespace(SelfCommand.current()));
 * }</pre>
 */
public final class Rootless {
  private final Host host;
  private final Privilege privilege;

  private Rootless(Host host, Privilege privilege) {
    this.host = host;
    this.privilege = privilege;
  }

  public static Rootless detect() {
    return detect(Host.current(), UserNamespaceProbe.unshare());
  }

  public static Rootless detect(Host host, UserNamespaceProbe probe) {
    return new Rootless(host, PrivilegeDetector.detect(host, probe));
  }

  public Host host() {
    return host;
  }

  public Privilege privilege() {
    return privilege;
  }

  /** True for an ordinary user: namespace work must happen in a re-executed child. */
  public boolean needsReexec() {
    return privilege instanceof Privilege.Unprivileged;
  }

  /** True when we are uid 0 of a user namespace (overlay then needs {@code userxattr}). */
  public boolean inUserNamespace() {
    return privilege instanceof Privilege.InNamespace;
  }

  /** Warnings to print once (e.g. no subordinate id range: only uid 0 is mapped). */
  public List<String> warnings() {
    return privilege instanceof Privilege.Unprivileged u ? u.warnings() : List.of();
  }

  /**
   * Runs argv with namespace powers and this process's stdio; returns its exit code. An ordinary
   * user gets a new user+mount namespace (this is {@code jbuild unshare} and the re-exec of a
   * build); root, or a process already inside, runs argv directly.
   *
   * @throws UserNamespaceUnavailableException when user namespaces are blocked here
   */
  public int runInNamespace(List<String> argv) {
    if (privilege instanceof Privilege.Blocked b) {
      throw new UserNamespaceUnavailableException(b.message());
    }
    if (privilege instanceof Privilege.Unprivileged u) {
      return new UserNamespace(host, u.mappings()).run(argv);
    }
    try {
      return Processes.waitFor(new ProcessBuilder(argv).inheritIO().start());
    } catch (IOException e) {
      throw new RootlessException("running " + argv.get(0) + ": " + e.getMessage(), e);
    }
  }

  /** The shell {@code jbuild unshare} runs without a command: $SHELL, else /bin/sh. */
  public List<String> defaultShell() {
    String shell = host.env().getOrDefault("SHELL", "");
    return List.of(shell.isEmpty() || !Files.isExecutable(Path.of(shell)) ? "/bin/sh" : shell);
  }

  /** Overlay snapshots in the current namespaces. */
  public Overlay overlay() {
    // userxattr everywhere (root too): the opaque marker is then a user.* xattr, which the
    // change-set reader sees through Java's user xattr view (trusted.* is not visible there).
    return new Overlay(host, true);
  }

  /**
   * The sandbox for {@code --isolation} (with {@code ociRuntime} for {@code --runtime}), and why it
   * was picked. Call inside the namespace (after {@link #runInNamespace}) when {@link
   * #needsReexec()}.
   */
  public SandboxChoice sandbox(Isolation isolation, Optional<Path> ociRuntime) {
    return Sandboxes.choose(host, privilege, isolation, ociRuntime);
  }
}
