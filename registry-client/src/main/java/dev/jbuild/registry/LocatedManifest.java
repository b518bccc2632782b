package dev.jbuild.registry;

/**
 * The first step of a pull: the manifest or index a reference names, and the source (a mirror or
 * the registry itself) that served it. {@link RegistryClient#pull(LocatedManifest,
 * dev.jbuild.image.Platform, BlobSink, ProgressListener)} does the rest.
 */
public record LocatedManifest(ImageReference source, ManifestBlob manifest) {}
