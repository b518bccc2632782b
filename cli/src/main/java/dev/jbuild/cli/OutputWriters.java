package dev.jbuild.cli;

import dev.jbuild.cli.build.BuiltImage;
import dev.jbuild.cli.build.EngineFactory;
import dev.jbuild.cli.build.ImageSources;
import dev.jbuild.cli.output.OutputTarget;
import dev.jbuild.image.Descriptor;
import dev.jbuild.oci.DockerArchiveWriter;
import dev.jbuild.oci.ExportCompression;
import dev.jbuild.oci.Image;
import dev.jbuild.oci.NamedImage;
import dev.jbuild.oci.OciLayoutWriter;
import dev.jbuild.oci.StoreImage;
import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes one output of a finished build. Every writer is atomic: all or nothing at dest. Layers
 * leave the store compressed as {@code --compression-format} says, except in a docker-archive
 * (uncompressed, as docker save writes it) and the rootfs outputs (no layers).
 */
final class OutputWriters {
  private OutputWriters() {}

  /**
   * Writes {@code target}; names given to the image are added to {@code names}. Returns the
   * descriptor of the manifest written when it differs from the stored one (layers compressed for
   * the export), else null.
   */
  static @Nullable Descriptor write(
      LocalStore store,
      EngineFactory factory,
      BuiltImage image,
      OutputTarget target,
      List<String> names)
      throws IOException {
    StoreImage stored = StoreImage.of(store, image.manifestDescriptor().digest());
    if (target instanceof OutputTarget.StoreTag t) {
      String name = ImageSources.normalize(t.name());
      store.tag(name, image.manifestDescriptor().digest());
      names.add(name);
    } else if (target instanceof OutputTarget.OciLayoutDir o) {
      Image exported = new ExportCompression(store, factory.compression()).image(stored);
      OciLayoutWriter.writeLayout(abs(o.dir()), List.of(new NamedImage(o.refName(), exported)));
      return exported.manifestDescriptor();
    } else if (target instanceof OutputTarget.OciArchive o) {
      Image exported = new ExportCompression(store, factory.compression()).image(stored);
      OciLayoutWriter.writeArchive(abs(o.file()), List.of(new NamedImage(o.refName(), exported)));
      return exported.manifestDescriptor();
    } else if (target instanceof OutputTarget.DockerArchive d) {
      List<NamedImage> named = new ArrayList<>();
      for (String tag : d.repoTags()) {
        named.add(new NamedImage(tag, stored));
      }
      if (named.isEmpty()) {
        named.add(new NamedImage("", stored));
      }
      DockerArchiveWriter.write(abs(d.file()), named, false);
    } else if (target instanceof OutputTarget.LocalDir l) {
      RootfsExport.toDirectory(factory.rootfs(image), abs(l.dir()));
    } else if (target instanceof OutputTarget.RootfsTar r) {
      RootfsExport.toTar(
          factory.rootfs(image),
          r.toStdout() ? null : abs(r.file()),
          factory.owners(),
          factory.settings().sourceDateEpoch());
    } else {
      OutputTarget.Registry reg = (OutputTarget.Registry) target;
      Descriptor pushed =
          RegistryExport.push(
              store,
              image.manifestDescriptor().digest(),
              reg.names(),
              factory.registryOptions(),
              factory.compression(),
              new java.io.PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8));
      names.addAll(reg.names());
      return pushed;
    }
    return null;
  }

  private static Path abs(Path p) {
    return p.toAbsolutePath().normalize();
  }
}
