package dev.jbuild.image;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One history entry; {@code empty_layer} is written only when true (metadata-only steps). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"created", "created_by", "author", "comment", "empty_layer"})
public record History(
    @JsonProperty("created") @Nullable Instant created,
    @JsonProperty("created_by") @Nullable String createdBy,
    @JsonProperty("author") @Nullable String author,
    @JsonProperty("comment") @Nullable String comment,
    @JsonProperty("empty_layer") @Nullable Boolean emptyLayer) {

  public History {
    emptyLayer = Boolean.TRUE.equals(emptyLayer) ? Boolean.TRUE : null;
  }

  public static History of(@Nullable Instant created, String createdBy, boolean emptyLayer) {
    return new History(created, createdBy, null, null, emptyLayer);
  }

  @JsonIgnore
  public boolean isEmptyLayer() {
    return Boolean.TRUE.equals(emptyLayer);
  }

  public History withComment(@Nullable String c) {
    return new History(created, createdBy, author, c, emptyLayer);
  }

  public History withAuthor(@Nullable String a) {
    return new History(created, createdBy, a, comment, emptyLayer);
  }

  public History withCreated(@Nullable Instant t) {
    return new History(t, createdBy, author, comment, emptyLayer);
  }
}
