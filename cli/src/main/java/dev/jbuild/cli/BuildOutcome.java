package dev.jbuild.cli;

import java.util.Map;

/**
 * What a finished build produced: the image ID (config digest) and the manifest digest.
 *
 * @param ranNothing every step came from the cache and no image was pulled
 * @param names store names the build read or wrote, with the manifest digest each pointed at
 */
record BuildOutcome(
    String imageId, String manifestDigest, boolean ranNothing, Map<String, String> names) {}
