package dev.jbuild.cli;

import dev.jbuild.cli.build.BuiltImage;
import dev.jbuild.cli.build.EngineFactory;
import dev.jbuild.cli.build.ImageSources;
import dev.jbuild.cli.output.OutputTarget;
import dev.jbuild.oci.DockerArchiveWriter;
import dev.jbuild.oci.NamedImage;
import dev.jbuild.oci.OciLayoutWriter;
import dev.jbuild.oci.StoreImage;
import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes one output of a finished build. Every writer is atomic: all or nothing at dest. */
final class OutputWriters {
  private OutputWriters() {}

  /** Writes {@code target}; names given to the image are added to {@code names}. */
  static void write(
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
      OciLayoutWriter.writeLayout(abs(o.dir()), List.of(new NamedImage(o.refName(), stored)));
    } else if (target instanceof OutputTarget.OciArchive o) {
      OciLayoutWriter.writeArchive(abs(o.file()), List.of(new NamedImage(o.refName(), stored)));
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
      RootfsExport.toTar(factory.rootfs(image), r.toStdout() ? null : abs(r.file()));
    } else {
      throw new UserError("pushing to a registry from build is not available yet: use jbuild push");
    }
  }

  private static Path abs(Path p) {
    return p.toAbsolutePath().normalize();
  }
}
