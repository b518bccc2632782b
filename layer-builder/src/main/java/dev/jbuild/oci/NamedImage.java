package dev.jbuild.oci;

/**
 * An image with the name it gets in an output: for an OCI layout the {@code ref.name} annotation
 * (e.g. {@code 1.0} or {@code example.com/app:1.0}), for a docker-archive a RepoTag ({@code
 * app:1.0}; {@code :latest} is added when the tag is missing).
 */
public record NamedImage(String name, Image image) {}
