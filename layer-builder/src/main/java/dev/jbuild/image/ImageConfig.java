package dev.jbuild.image;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An image config ({@code application/vnd.oci.image.config.v1+json}, identical in shape to docker's
 * {@code container.image.v1+json}). Its digest is the image ID.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "created",
  "author",
  "architecture",
  "os",
  "os.version",
  "os.features",
  "variant",
  "config",
  "rootfs",
  "history"
})
public record ImageConfig(
    @JsonProperty("created") @Nullable Instant created,
    @JsonProperty("author") @Nullable String author,
    @JsonProperty("architecture") String architecture,
    @JsonProperty("os") String os,
    @JsonProperty("os.version") @Nullable String osVersion,
    @JsonProperty("os.features") @Nullable List<String> osFeatures,
    @JsonProperty("variant") @Nullable String variant,
    @JsonProperty("config") ContainerConfig config,
    @JsonProperty("rootfs") RootFs rootfs,
    @JsonProperty("history") @Nullable List<History> history) {

  public ImageConfig {
    osFeatures = osFeatures == null ? null : List.copyOf(osFeatures);
    config = config == null ? ContainerConfig.EMPTY : config;
    rootfs = rootfs == null ? RootFs.EMPTY : rootfs;
    history = history == null ? null : List.copyOf(history);
  }

  /** A config for {@code FROM scratch} on {@code platform}: no layers, no history. */
  public static ImageConfig scratch(Platform platform) {
    return new ImageConfig(
        null,
        null,
        platform.architecture(),
        platform.os(),
        platform.osVersion(),
        platform.osFeatures(),
        platform.variant(),
        ContainerConfig.EMPTY,
        RootFs.EMPTY,
        null);
  }

  @JsonIgnore
  public Platform platform() {
    return new Platform(architecture, os, osVersion, osFeatures, variant);
  }

  /** Canonical JSON bytes; their digest is the image ID. */
  public byte[] toJson() {
    return ImageJson.canonicalBytes(this);
  }

  /** A copy with a layer's diffID appended to rootfs and its history entry recorded. */
  public ImageConfig withLayer(Digest diffId, History entry) {
    return withRootfs(rootfs.withDiffId(diffId)).withHistory(entry);
  }

  /** A copy with one history entry appended. */
  public ImageConfig withHistory(History entry) {
    List<History> h = history == null ? new ArrayList<>() : new ArrayList<>(history);
    h.add(entry);
    return withHistory(h);
  }

  public ImageConfig withCreated(@Nullable Instant v) {
    return new ImageConfig(
        v, author, architecture, os, osVersion, osFeatures, variant, config, rootfs, history);
  }

  public ImageConfig withAuthor(@Nullable String v) {
    return new ImageConfig(
        created, v, architecture, os, osVersion, osFeatures, variant, config, rootfs, history);
  }

  public ImageConfig withArchitecture(String v) {
    return new ImageConfig(
        created, author, v, os, osVersion, osFeatures, variant, config, rootfs, history);
  }

  public ImageConfig withOs(String v) {
    return new ImageConfig(
        created, author, architecture, v, osVersion, osFeatures, variant, config, rootfs, history);
  }

  public ImageConfig withOsVersion(@Nullable String v) {
    return new ImageConfig(
        created, author, architecture, os, v, osFeatures, variant, config, rootfs, history);
  }

  public ImageConfig withOsFeatures(@Nullable List<String> v) {
    return new ImageConfig(
        created, author, architecture, os, osVersion, v, variant, config, rootfs, history);
  }

  public ImageConfig withVariant(@Nullable String v) {
    return new ImageConfig(
        created, author, architecture, os, osVersion, osFeatures, v, config, rootfs, history);
  }

  public ImageConfig withConfig(ContainerConfig v) {
    return new ImageConfig(
        created, author, architecture, os, osVersion, osFeatures, variant, v, rootfs, history);
  }

  public ImageConfig withRootfs(RootFs v) {
    return new ImageConfig(
        created, author, architecture, os, osVersion, osFeatures, variant, config, v, history);
  }

  public ImageConfig withHistory(@Nullable List<History> v) {
    return new ImageConfig(
        created, author, architecture, os, osVersion, osFeatures, variant, config, rootfs, v);
  }
}
