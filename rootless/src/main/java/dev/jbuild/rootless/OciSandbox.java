package dev.jbuild.rootless;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * Runs the step as an OCI bundle with runc (or crun): config.json in a private temp dir, runtime
 * state under it ({@code --root}), a unique container id.
 */
final class OciSandbox implements Sandbox {
  private static final long DEFAULT_NOFILE = 1_048_576;

  private final Host host;
  private final SandboxHostFacts facts;
  private final Path runtime;

  OciSandbox(Host host, SandboxHostFacts facts, Path runtime) {
    this.host = host;
    this.facts = facts;
    this.runtime = runtime;
  }

  @Override
  public Isolation isolation() {
    return Isolation.OCI;
  }

  @Override
  public SandboxResult run(SandboxSpec spec) {
    spec.requireBindSources();
    Path work = Processes.privateTempDir(host.tempDir(), "jbuild-oci-");
    MountStubs stubs = new MountStubs(spec.rootfs());
    try {
      createStubs(spec, stubs);
      EtcFiles etc = EtcFiles.write(work, spec.hostname(), spec.network());
      Files.writeString(
          work.resolve("config.json"), Json.write(OciConfig.of(spec, facts, etc, nofileLimit())));
      String id = "jbuild-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
      List<String> argv =
          List.of(
              runtime.toString(),
              "--root",
              work.resolve("state").toString(),
              "run",
              "--bundle",
              work.toString(),
              id);
      int code = StepProcess.run(argv, spec);
      return new SandboxResult(code, stubs.removeAll());
    } catch (IOException e) {
      throw new SandboxException("preparing the OCI bundle: " + e.getMessage(), e);
    } finally {
      stubs.removeAll();
      DirTrees.deleteRecursivelyQuietly(work);
    }
  }

  // runc would create missing mount targets itself; creating them here lets us remove them.
  private static void createStubs(SandboxSpec spec, MountStubs stubs) {
    for (String dir : List.of("/proc", "/dev", "/sys")) {
      stubs.ensure(dir, false);
    }
    for (String file : EtcFiles.TARGETS) {
      stubs.ensure(file, true);
    }
    for (SandboxMount m : spec.mounts()) {
      boolean file = m instanceof SandboxMount.Bind b && OciConfig.isFileSource(b);
      stubs.ensure(m.target(), file);
    }
  }

  /** Our own hard NOFILE limit: in a user namespace the step cannot get more. */
  private long nofileLimit() {
    try {
      for (String line : Files.readAllLines(host.procDir().resolve("self/limits"))) {
        if (line.startsWith("Max open files")) {
          String[] f = line.substring("Max open files".length()).strip().split("\\s+");
          return f[1].equals("unlimited")
              ? DEFAULT_NOFILE
              : Math.min(DEFAULT_NOFILE, Long.parseLong(f[1]));
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall through to the default
    }
    return DEFAULT_NOFILE;
  }
}
