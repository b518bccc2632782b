package dev.jbuild.cli.build.cache;

import dev.jbuild.image.Descriptor;
import java.util.List;
import java.util.Map;

/**
 * One export, computed before anything is written: the config blob, the manifest that lists it and
 * every distinct layer, and for each layer the first entry that uses it (for error messages).
 */
record CachePlan(
    byte[] config,
    Descriptor configDescriptor,
    byte[] manifest,
    Descriptor manifestDescriptor,
    List<Descriptor> layers,
    Map<String, String> firstKeyByLayer,
    int entryCount) {}
