package dev.jbuild.rootless;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One step to run: the process (argv, exact env, cwd, ids), its view (rootfs, hostname, network,
 * extra mounts) and where its output goes. Nothing else is inherited.
 */
public record SandboxSpec(
    Path rootfs,
    List<String> argv,
    List<String> env,
    String cwd,
    long uid,
    long gid,
    List<Long> additionalGids,
    String hostname,
    Network network,
    List<SandboxMount> mounts,
    OutputStream stdout,
    OutputStream stderr) {
  public SandboxSpec {
    argv = List.copyOf(argv);
    env = List.copyOf(env);
    additionalGids = List.copyOf(additionalGids);
    mounts = List.copyOf(mounts);
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("empty command");
    }
    if (!cwd.startsWith("/")) {
      throw new IllegalArgumentException("working directory must be absolute: " + cwd);
    }
    for (String entry : env) {
      if (entry.indexOf('=') <= 0) {
        throw new IllegalArgumentException("environment entry is not NAME=value: " + entry);
      }
    }
  }

  /** Fails with a one-line message when a bind source is missing (before any setup). */
  void requireBindSources() {
    for (SandboxMount m : mounts) {
      if (m instanceof SandboxMount.Bind b && !java.nio.file.Files.exists(b.source())) {
        throw new SandboxException(
            "bind mount source " + b.source() + " for " + b.target() + " does not exist");
      }
    }
  }

  public static Builder builder(Path rootfs, List<String> argv) {
    return new Builder(rootfs, argv);
  }

  /** Defaults: empty env, cwd /, uid and gid 0, hostname "jbuild", host network. */
  public static final class Builder {
    private final Path rootfs;
    private final List<String> argv;
    private List<String> env = List.of();
    private String cwd = "/";
    private long uid;
    private long gid;
    private List<Long> additionalGids = List.of();
    private String hostname = "jbuild";
    private Network network = Network.HOST;
    private final List<SandboxMount> mounts = new ArrayList<>();
    private OutputStream stdout = OutputStream.nullOutputStream();
    private OutputStream stderr = OutputStream.nullOutputStream();

    private Builder(Path rootfs, List<String> argv) {
      this.rootfs = rootfs;
      this.argv = argv;
    }

    public Builder env(List<String> value) {
      env = value;
      return this;
    }

    public Builder cwd(String value) {
      cwd = value;
      return this;
    }

    public Builder user(long uidValue, long gidValue, List<Long> additional) {
      uid = uidValue;
      gid = gidValue;
      additionalGids = additional;
      return this;
    }

    public Builder hostname(String value) {
      hostname = value;
      return this;
    }

    public Builder network(Network value) {
      network = value;
      return this;
    }

    public Builder mount(SandboxMount value) {
      mounts.add(value);
      return this;
    }

    public Builder output(OutputStream out, OutputStream err) {
      stdout = out;
      stderr = err;
      return this;
    }

    public SandboxSpec build() {
      return new SandboxSpec(
          rootfs,
          argv,
          env,
          cwd,
          uid,
          gid,
          additionalGids,
          hostname,
          network,
          mounts,
          stdout,
          stderr);
    }
  }
}
