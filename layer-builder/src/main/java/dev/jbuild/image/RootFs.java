package dev.jbuild.image;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/** {@code rootfs}: always {@code "layers"} plus the uncompressed layer digests, base first. */
@JsonPropertyOrder({"type", "diff_ids"})
public record RootFs(
    @JsonProperty("type") String type, @JsonProperty("diff_ids") List<Digest> diffIds) {
  public static final RootFs EMPTY = new RootFs("layers", List.of());

  public RootFs {
    diffIds = diffIds == null ? List.of() : List.copyOf(diffIds);
  }

  public RootFs withDiffId(Digest diffId) {
    List<Digest> d = new ArrayList<>(diffIds);
    d.add(diffId);
    return new RootFs(type, d);
  }
}
