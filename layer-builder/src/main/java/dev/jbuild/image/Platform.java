package dev.jbuild.image;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An OCI platform ({@code linux/arm64/v8}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"architecture", "os", "os.version", "os.features", "variant"})
public record Platform(
    @JsonProperty("architecture") String architecture,
    @JsonProperty("os") String os,
    @JsonProperty("os.version") @Nullable String osVersion,
    @JsonProperty("os.features") @Nullable List<String> osFeatures,
    @JsonProperty("variant") @Nullable String variant) {

  public Platform {
    osFeatures = osFeatures == null ? null : List.copyOf(osFeatures);
  }

  public static Platform of(String os, String architecture, @Nullable String variant) {
    return new Platform(architecture, os, null, null, variant);
  }

  /**
   * Parses {@code os/arch[/variant]}, e.g. {@code linux/amd64} or {@code linux/arm/v7}; throws
   * {@link ImageFormatException} on anything else.
   */
  public static Platform parse(String text) {
    String[] parts = text.split("/", -1);
    if (parts.length < 2 || parts.length > 3 || List.of(parts).contains("")) {
      throw new ImageFormatException(
          "invalid platform \"" + text + "\": expected os/arch[/variant], e.g. linux/amd64");
    }
    return of(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
  }

  public Platform withVariant(@Nullable String v) {
    return new Platform(architecture, os, osVersion, osFeatures, v);
  }

  public Platform withOsVersion(@Nullable String v) {
    return new Platform(architecture, os, v, osFeatures, variant);
  }

  /** {@code os/arch[/variant]}. */
  @Override
  @JsonIgnore
  public String toString() {
    return os + "/" + architecture + (variant == null ? "" : "/" + variant);
  }
}
