package dev.jbuild.image;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** An OCI image index or a Docker manifest list. Also the shape of a layout's index.json. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "schemaVersion",
  "mediaType",
  "artifactType",
  "manifests",
  "subject",
  "annotations"
})
public record ImageIndex(
    int schemaVersion,
    @Nullable String mediaType,
    @Nullable String artifactType,
    List<Descriptor> manifests,
    @Nullable Descriptor subject,
    @Nullable Map<String, String> annotations)
    implements ManifestDocument {

  public ImageIndex {
    manifests = List.copyOf(manifests);
    annotations = annotations == null ? null : ImageJson.sortedCopy(annotations);
  }

  public static ImageIndex of(String mediaType, List<Descriptor> manifests) {
    return new ImageIndex(2, mediaType, null, manifests, null, null);
  }

  public ImageIndex withManifests(List<Descriptor> m) {
    return new ImageIndex(schemaVersion, mediaType, artifactType, m, subject, annotations);
  }

  /** A copy with {@code d} appended. */
  public ImageIndex withManifest(Descriptor d) {
    List<Descriptor> m = new ArrayList<>(manifests);
    m.add(d);
    return withManifests(m);
  }

  public ImageIndex withAnnotations(@Nullable Map<String, String> a) {
    return new ImageIndex(schemaVersion, mediaType, artifactType, manifests, subject, a);
  }

  public ImageIndex withMediaType(@Nullable String m) {
    return new ImageIndex(schemaVersion, m, artifactType, manifests, subject, annotations);
  }

  /** True for a Docker manifest list. */
  @JsonIgnore
  public boolean isDocker() {
    return MediaTypes.DOCKER_MANIFEST_LIST.equals(mediaType);
  }
}
