package dev.jbuild.oci;

import dev.jbuild.image.Descriptor;
import dev.jbuild.image.ImageFormatException;
import dev.jbuild.image.Platform;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Picks one manifest of an index by platform. */
final class Platforms {
  private Platforms() {}

  static Descriptor select(List<Descriptor> manifests, @Nullable Platform want, String where) {
    Platform p = want != null ? want : Platform.parse("linux/amd64");
    for (Descriptor d : manifests) {
      Platform has = d.platform();
      if (has != null
          && has.os().equals(p.os())
          && has.architecture().equals(p.architecture())
          && (p.variant() == null || Objects.equals(p.variant(), has.variant()))) {
        return d;
      }
    }
    if (want == null && manifests.size() == 1) {
      return manifests.get(0);
    }
    throw new ImageFormatException(where + " has no image for platform " + p);
  }
}
