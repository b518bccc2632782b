package dev.jbuild.rootless;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OCI runtime {@code config.json} for one step. Already root (real or in our user namespace),
 * so no user namespace and no cgroup settings: runc then needs no cgroup manager, which is what
 * makes it work in hybrid-cgroup containers.
 */
final class OciConfig {
  static final List<String> MASKED =
      List.of(
          "/proc/asound",
          "/proc/acpi",
          "/proc/kcore",
          "/proc/keys",
          "/proc/latency_stats",
          "/proc/timer_list",
          "/proc/timer_stats",
          "/proc/sched_debug",
          "/proc/scsi",
          "/sys/firmware",
          "/sys/devices/virtual/powercap");
  static final List<String> READ_ONLY =
      List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

  private OciConfig() {}

  static Map<String, Object> of(
      SandboxSpec spec, SandboxHostFacts facts, EtcFiles etc, long nofile) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("ociVersion", "1.0.2");
    config.put("process", process(spec, nofile));
    config.put(
        "root", Map.of("path", spec.rootfs().toAbsolutePath().toString(), "readonly", false));
    config.put("hostname", spec.hostname());
    config.put("mounts", mounts(spec, facts, etc));
    config.put("linux", linux(spec));
    return config;
  }

  private static Map<String, Object> process(SandboxSpec spec, long nofile) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("terminal", false);
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("uid", spec.uid());
    user.put("gid", spec.gid());
    user.put("additionalGids", spec.additionalGids());
    p.put("user", user);
    p.put("args", spec.argv());
    p.put("env", spec.env());
    p.put("cwd", spec.cwd());
    // docker gives non-root users no effective or permitted capabilities
    List<String> active = spec.uid() == 0 ? Capabilities.DOCKER_DEFAULT : List.of();
    p.put(
        "capabilities",
        Map.of(
            "bounding",
            Capabilities.DOCKER_DEFAULT,
            "effective",
            active,
            "permitted",
            active,
            "inheritable",
            List.of(),
            "ambient",
            List.of()));
    p.put(
        "rlimits",
        List.of(Map.of("type", "RLIMIT_NOFILE", "hard", nofile, "soft", Math.min(1024, nofile))));
    // as docker: setuid binaries (su, sudo) keep working in RUN
    p.put("noNewPrivileges", false);
    return p;
  }

  private static List<Object> mounts(SandboxSpec spec, SandboxHostFacts facts, EtcFiles etc) {
    List<Object> m = new ArrayList<>();
    m.add(mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")));
    m.add(
        mount(
            "/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")));
    List<String> pts =
        new ArrayList<>(List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"));
    if (facts.ttyGidMapped()) {
      pts.add("gid=5");
    }
    m.add(mount("/dev/pts", "devpts", "devpts", pts));
    m.add(
        mount(
            "/dev/shm",
            "tmpfs",
            "shm",
            List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")));
    m.add(mount("/sys", "none", "/sys", List.of("rbind", "nosuid", "noexec", "nodev", "ro")));
    for (int i = 0; i < EtcFiles.TARGETS.size(); i++) {
      m.add(
          mount(
              EtcFiles.TARGETS.get(i),
              "none",
              etc.sources().get(i).toString(),
              List.of("bind", "rw")));
    }
    for (SandboxMount extra : spec.mounts()) {
      if (extra instanceof SandboxMount.Bind b) {
        m.add(
            mount(
                b.target(),
                "none",
                b.source().toString(),
                List.of("rbind", b.readOnly() ? "ro" : "rw")));
      } else if (extra instanceof SandboxMount.Tmpfs t) {
        List<String> opts = new ArrayList<>(List.of("nosuid", "nodev"));
        if (t.sizeBytes() > 0) {
          opts.add("size=" + t.sizeBytes());
        }
        m.add(mount(t.target(), "tmpfs", "tmpfs", opts));
      }
    }
    return m;
  }

  private static Map<String, Object> linux(SandboxSpec spec) {
    List<Object> namespaces = new ArrayList<>();
    for (String type : List.of("pid", "ipc", "uts", "mount")) {
      namespaces.add(Map.of("type", type));
    }
    if (spec.network() == Network.NONE) {
      namespaces.add(Map.of("type", "network"));
    }
    Map<String, Object> linux = new LinkedHashMap<>();
    linux.put("namespaces", namespaces);
    linux.put("maskedPaths", MASKED);
    linux.put("readonlyPaths", READ_ONLY);
    return linux;
  }

  private static Map<String, Object> mount(
      String destination, String type, String source, List<String> options) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("destination", destination);
    m.put("type", type);
    m.put("source", source);
    m.put("options", options);
    return m;
  }

  static boolean isFileSource(SandboxMount.Bind b) {
    return !Files.isDirectory(b.source());
  }
}
