package dev.jbuild.rootless;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Decides the {@link Privilege} of this process from /proc and a probe. */
final class PrivilegeDetector {
  private static final IdRange IDENTITY = new IdRange(0, 0, 4294967295L);

  private PrivilegeDetector() {}

  static Privilege detect(Host host, UserNamespaceProbe probe) {
    if (host.user().uid() == 0) {
      List<IdRange> uidMap = readMap(host.procDir().resolve("self/uid_map"));
      if (uidMap.equals(List.of(IDENTITY))) {
        return new Privilege.Root();
      }
      List<IdRange> gidMap = readMap(host.procDir().resolve("self/gid_map"));
      boolean ours = "1".equals(host.env().get(UserNamespace.MARKER_ENV));
      return new Privilege.InNamespace(uidMap, gidMap, ours);
    }
    Optional<String> blocked = probe.blockedReason(host);
    if (blocked.isPresent()) {
      return new Privilege.Blocked(blocked.get());
    }
    IdMappings mappings = IdMappings.load(host.user(), host.subuidFile(), host.subgidFile());
    List<String> warnings = new ArrayList<>();
    if (!mappings.hasSubordinateRanges()) {
      warnings.add(noRangeWarning(host));
    }
    return new Privilege.Unprivileged(mappings, warnings);
  }

  static String noRangeWarning(Host host) {
    String name = host.user().name();
    return "no subordinate id range for user '"
        + name
        + "' in "
        + host.subuidFile()
        + " and "
        + host.subgidFile()
        + ": only your own uid is mapped (as 0), so RUN steps cannot chown to other ids;"
        + " fix: sudo usermod --add-subuids 100000-165535 --add-subgids 100000-165535 "
        + name;
  }

  static List<IdRange> readMap(Path file) {
    List<IdRange> ranges = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file)) {
        String[] f = line.strip().split("\\s+");
        if (f.length == 3) {
          ranges.add(new IdRange(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])));
        }
      }
    } catch (IOException e) {
      throw new RootlessException("reading " + file + ": " + e.getMessage(), e);
    }
    return ranges;
  }
}
