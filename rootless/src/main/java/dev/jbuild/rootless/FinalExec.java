package dev.jbuild.rootless;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The last command of the built-in and chroot sandboxes: {@code env -i} sets the step's exact
 * environment, {@code setpriv} sets gid, groups and the capability bounding set while still root,
 * and {@code unshare --root --wd [--setuid]} chroots, changes dir, drops to the uid (which clears
 * capabilities for non-root users) and execs the step.
 */
final class FinalExec {
  private FinalExec() {}

  static List<String> argv(Tools tools, SandboxSpec spec, Object rootfs, SandboxHostFacts facts) {
    boolean setGroups = facts.setGroupsAllowed();
    List<String> cmd = new ArrayList<>();
    cmd.add(tools.require("env", "run the step with its exact environment").toString());
    cmd.add("-i");
    cmd.addAll(spec.env());
    cmd.add(tools.require("setpriv", "drop privileges for the step").toString());
    cmd.addAll(List.of("--regid", Long.toString(spec.gid())));
    if (setGroups) {
      cmd.addAll(groups(spec));
    }
    // as real root without a device cgroup, CAP_MKNOD would let a step open host disks
    String caps = Capabilities.setprivBoundingSet(facts.inUserNamespace());
    cmd.addAll(List.of("--bounding-set", caps, "--inh-caps", "-all"));
    cmd.add("--");
    cmd.add(tools.require("unshare", "enter the step's root").toString());
    cmd.addAll(List.of("--root=" + rootfs, "--wd=" + spec.cwd()));
    if (spec.uid() != 0) {
      cmd.addAll(List.of("--setuid", Long.toString(spec.uid())));
    }
    cmd.add("--");
    cmd.addAll(spec.argv());
    return cmd;
  }

  private static List<String> groups(SandboxSpec spec) {
    if (spec.additionalGids().isEmpty()) {
      return List.of("--clear-groups");
    }
    return List.of(
        "--groups",
        spec.additionalGids().stream().map(String::valueOf).collect(Collectors.joining(",")));
  }
}
