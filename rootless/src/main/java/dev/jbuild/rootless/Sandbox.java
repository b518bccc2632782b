package dev.jbuild.rootless;

/** Runs one process isolated in a rootfs; the exit code is the step's. */
public interface Sandbox {
  /**
   * Runs the spec to completion. Mount stubs the sandbox needed are gone from the rootfs when this
   * returns, unless the step itself wrote into them.
   *
   * @throws SandboxException when the sandbox cannot be set up (not when the step fails)
   */
  SandboxResult run(SandboxSpec spec);

  Isolation isolation();
}
