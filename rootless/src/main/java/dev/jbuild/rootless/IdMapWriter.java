package dev.jbuild.rootless;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes a child's uid/gid maps: newuidmap/newgidmap for ranges, /proc directly otherwise. */
final class IdMapWriter {
  private static final long WAIT_MILLIS = 10_000;

  private final Host host;
  private final IdMappings mappings;

  IdMapWriter(Host host, IdMappings mappings) {
    this.host = host;
    this.mappings = mappings;
  }

  void write(long pid) {
    if (mappings.hasSubordinateRanges()) {
      runMapper("newuidmap", pid, mappings.uids());
      runMapper("newgidmap", pid, mappings.gids());
    } else {
      writeSelfOnly(pid);
    }
  }

  private void runMapper(String tool, long pid, List<IdRange> ranges) {
    List<String> argv = new ArrayList<>();
    argv.add(host.tools().require(tool, "map subordinate ids into the user namespace").toString());
    argv.add(Long.toString(pid));
    for (IdRange range : ranges) {
      argv.add(Long.toString(range.inside()));
      argv.add(Long.toString(range.outside()));
      argv.add(Long.toString(range.count()));
    }
    ProcessResult result = ProcessResult.run(argv);
    if (result.exitCode() != 0) {
      throw new RootlessException(
          "mapping subordinate ids with "
              + tool
              + " failed ("
              + result.firstErrorLine()
              + "): check your entries in /etc/subuid and /etc/subgid and that "
              + tool
              + " is installed setuid root (Debian package 'uidmap')");
    }
  }

  // Without subordinate ids the kernel lets us map our own ids once setgroups is denied.
  private void writeSelfOnly(long pid) {
    Path proc = host.procDir().resolve(Long.toString(pid));
    try {
      Files.writeString(proc.resolve("setgroups"), "deny");
      Files.writeString(proc.resolve("uid_map"), mappings.uids().get(0).asMapLine());
      Files.writeString(proc.resolve("gid_map"), mappings.gids().get(0).asMapLine());
    } catch (IOException e) {
      throw new RootlessException("writing id maps of process " + pid + ": " + e.getMessage(), e);
    }
  }

  /** Waits until the child has called unshare(CLONE_NEWUSER); maps written earlier go astray. */
  static void awaitNewUserNamespace(Host host, Process process) {
    Path ours = host.procDir().resolve("self/ns/user");
    Path theirs = host.procDir().resolve(process.pid() + "/ns/user");
    long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
    try {
      Path self = Files.readSymbolicLink(ours);
      while (System.nanoTime() < deadline && process.isAlive()) {
        if (!Files.readSymbolicLink(theirs).equals(self)) {
          return;
        }
        Thread.sleep(1);
      }
    } catch (IOException e) {
      // the child exited between the checks: reported below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new RootlessException(
        "unshare did not create a user namespace (it exited or hung): run 'unshare --user true'"
            + " to see why");
  }
}
