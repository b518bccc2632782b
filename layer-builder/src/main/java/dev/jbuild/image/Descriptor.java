package dev.jbuild.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** An OCI content descriptor: what a blob is, its digest and size, and optional metadata. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "mediaType",
  "digest",
  "size",
  "urls",
  "annotations",
  "platform",
  "artifactType"
})
public record Descriptor(
    String mediaType,
    Digest digest,
    long size,
    @Nullable List<String> urls,
    @Nullable Map<String, String> annotations,
    @Nullable Platform platform,
    @Nullable String artifactType) {

  public Descriptor {
    if (size < 0) {
      throw new ImageFormatException("descriptor " + digest + " has negative size " + size);
    }
    urls = urls == null ? null : List.copyOf(urls);
    annotations = annotations == null ? null : ImageJson.sortedCopy(annotations);
  }

  public static Descriptor of(String mediaType, Digest digest, long size) {
    return new Descriptor(mediaType, digest, size, null, null, null, null);
  }

  public Descriptor withMediaType(String m) {
    return new Descriptor(m, digest, size, urls, annotations, platform, artifactType);
  }

  public Descriptor withAnnotations(@Nullable Map<String, String> a) {
    return new Descriptor(mediaType, digest, size, urls, a, platform, artifactType);
  }

  /** A copy with one annotation added or replaced. */
  public Descriptor withAnnotation(String key, String value) {
    Map<String, String> a = annotations == null ? new TreeMap<>() : new TreeMap<>(annotations);
    a.put(key, value);
    return withAnnotations(a);
  }

  public Descriptor withPlatform(@Nullable Platform p) {
    return new Descriptor(mediaType, digest, size, urls, annotations, p, artifactType);
  }

  public Descriptor withUrls(@Nullable List<String> u) {
    return new Descriptor(mediaType, digest, size, u, annotations, platform, artifactType);
  }

  /** The annotation value, or null. */
  public @Nullable String annotation(String key) {
    return annotations == null ? null : annotations.get(key);
  }
}
