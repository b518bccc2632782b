package dev.jbuild.image;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** An OCI image manifest or a Docker schema 2 manifest (same shape, different media types). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "schemaVersion",
  "mediaType",
  "artifactType",
  "config",
  "layers",
  "subject",
  "annotations"
})
public record ImageManifest(
    int schemaVersion,
    @Nullable String mediaType,
    @Nullable String artifactType,
    Descriptor config,
    List<Descriptor> layers,
    @Nullable Descriptor subject,
    @Nullable Map<String, String> annotations)
    implements ManifestDocument {

  public ImageManifest {
    layers = List.copyOf(layers);
    annotations = annotations == null ? null : ImageJson.sortedCopy(annotations);
  }

  /** A manifest of the given media type (OCI or Docker) with no annotations. */
  public static ImageManifest of(String mediaType, Descriptor config, List<Descriptor> layers) {
    return new ImageManifest(2, mediaType, null, config, layers, null, null);
  }

  public ImageManifest withConfig(Descriptor c) {
    return new ImageManifest(
        schemaVersion, mediaType, artifactType, c, layers, subject, annotations);
  }

  public ImageManifest withLayers(List<Descriptor> l) {
    return new ImageManifest(
        schemaVersion, mediaType, artifactType, config, l, subject, annotations);
  }

  /** A copy with {@code layer} appended. */
  public ImageManifest withLayer(Descriptor layer) {
    List<Descriptor> l = new ArrayList<>(layers);
    l.add(layer);
    return withLayers(l);
  }

  public ImageManifest withAnnotations(@Nullable Map<String, String> a) {
    return new ImageManifest(schemaVersion, mediaType, artifactType, config, layers, subject, a);
  }

  public ImageManifest withMediaType(@Nullable String m) {
    return new ImageManifest(schemaVersion, m, artifactType, config, layers, subject, annotations);
  }

  public ImageManifest withSubject(@Nullable Descriptor s) {
    return new ImageManifest(
        schemaVersion, mediaType, artifactType, config, layers, s, annotations);
  }

  /** True for a Docker schema 2 manifest. */
  @JsonIgnore
  public boolean isDocker() {
    return MediaTypes.DOCKER_MANIFEST.equals(mediaType);
  }
}
