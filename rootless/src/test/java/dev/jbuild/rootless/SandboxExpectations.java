package dev.jbuild.rootless;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** What each of {@link SandboxCases} must produce, whoever runs it. */
final class SandboxExpectations {
  static final String DOCKER_CAPS = "00000000a80425fb";

  /** Docker's set without CAP_MKNOD: real root without a device cgroup must not mknod. */
  static final String DOCKER_CAPS_NO_MKNOD = "00000000a00425fb";

  private SandboxExpectations() {}

  static void check(SandboxCases.Result r, String caps) {
    String why = r.name() + " stderr: " + r.stderr();
    switch (r.name()) {
      case "env":
        assertThat(r.stdout())
            .as(why)
            .isEqualTo("PATH=/bin\nGREETING=hello world\nEMPTY=\nHOME=/root\n");
        break;
      case "cwd":
        assertThat(r.stdout()).as(why).isEqualTo("/tmp\n");
        break;
      case "ids":
        assertThat(r.stdout()).as(why).isEqualTo("uid=1000 gid=1001 groups=1001,2000\n");
        break;
      case "exit":
        assertThat(r.exit()).isEqualTo(42);
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
        break;
      case "rootCaps":
        assertThat(r.stdout())
            .as(why)
            .isEqualTo("CapInh:\t0000000000000000\nCapEff:\t" + caps + "\nCapBnd:\t" + caps + "\n");
        break;
      case "userCaps":
        assertThat(r.stdout())
            .as(why)
            .isEqualTo("CapPrm:\t0000000000000000\nCapEff:\t0000000000000000\n");
        break;
      case "hostname":
        assertThat(r.stdout()).as(why).isEqualTo("buildhost\nbuildhost\n1\n");
        break;
      case "pidns":
        assertThat(r.stdout()).as(why).startsWith("1\n");
        assertThat(r.stdout().split("\n")[1].split(" "))
            .contains("full", "null", "ptmx", "pts", "random", "shm", "tty", "urandom", "zero");
        break;
      case "networkNone":
        assertThat(r.stdout().lines().toList()).as(why).containsExactly("lo", ",UP");
        break;
      case "mounts":
        assertThat(r.stdout()).as(why).isEqualTo("s3cret\nro\nro\ntmpfs\n");
        assertThat(r.removedStubs())
            .contains(
                "run/secrets/token",
                "run/secrets",
                "mnt/ro",
                "mnt",
                "cache/t",
                "cache",
                "proc",
                "dev",
                "sys",
                "etc/hosts",
                "etc/resolv.conf",
                "etc/hostname");
        assertThat(r.leftovers())
            .as("only what the step wrote stays")
            .containsExactly("run", "run/out");
        return;
      default:
        throw new AssertionError("no expectation for " + r.name());
    }
    if (!r.name().equals("exit")) {
      assertThat(r.exit()).as(why).isZero();
    }
    assertThat(r.leftovers()).as("mount stubs left in the rootfs").isEqualTo(List.of());
  }
}
