package dev.jbuild.cli;

/** What a finished build produced: the image ID (config digest) and the manifest digest. */
record BuildOutcome(String imageId, String manifestDigest) {}
