package dev.jbuild.cli.build;

import dev.jbuild.rootless.Overlay;
import dev.jbuild.rootless.Sandbox;

/**
 * The namespace services RUN needs, chosen once per build: the sandbox, and whether snapshots are
 * overlay mounts or (where overlay cannot be mounted) a copy of the rootfs diffed afterwards.
 */
record RunnerSupport(Overlay overlay, boolean useOverlay, Sandbox sandbox, String sandboxReason) {}
