package dev.jbuild.cli.build;

import dev.jbuild.image.Descriptor;
import dev.jbuild.image.Digest;

/** A committed layer: its blob's descriptor and the digest of its uncompressed tar. */
public record LayerResult(Descriptor descriptor, Digest diffId) {}
