package dev.jbuild.cli.build;

import dev.jbuild.rootless.Overlay;
import dev.jbuild.rootless.Sandbox;

/** The namespace services RUN needs, chosen once per build (overlay flavour and sandbox). */
record RunnerSupport(Overlay overlay, Sandbox sandbox, String sandboxReason) {}
