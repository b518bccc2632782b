package dev.jbuild.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.cli.build.BuildRequest;
import dev.jbuild.cli.build.BuiltImage;
import dev.jbuild.cli.build.EngineFactory;
import dev.jbuild.cli.build.ImageSources;
import dev.jbuild.cli.output.OutputTarget;
import dev.jbuild.cli.progress.Progress;
import dev.jbuild.cli.progress.Task;
import dev.jbuild.image.Descriptor;
import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** Writes a built image to every requested output, then the iidfile and metadata file. */
final class Exports {
  private Exports() {}

  static void write(
      LocalStore store,
      EngineFactory factory,
      BuiltImage image,
      BuildRequest request,
      Progress progress)
      throws IOException {
    List<String> names = new ArrayList<>();
    Descriptor manifest = image.manifestDescriptor();
    for (OutputTarget target : request.outputs()) {
      Task t = progress.start("exporting to " + describe(target));
      try {
        Descriptor exported = OutputWriters.write(store, factory, image, target, names);
        if (exported != null) {
          manifest = exported; // as buildx reports it: the manifest a registry or layout holds
        }
      } catch (IOException | RuntimeException e) {
        t.failed(String.valueOf(e.getMessage()));
        throw e;
      }
      t.done();
    }
    if (request.iidFile() != null) {
      writeAtomically(request.iidFile(), image.imageId());
    }
    if (request.metadataFile() != null) {
      writeAtomically(request.metadataFile(), metadata(image, manifest, names));
    }
  }

  private static String describe(OutputTarget t) {
    if (t instanceof OutputTarget.StoreTag s) {
      return "local store as " + ImageSources.normalize(s.name());
    }
    if (t instanceof OutputTarget.OciLayoutDir o) {
      return "OCI layout " + o.dir();
    }
    if (t instanceof OutputTarget.OciArchive o) {
      return "OCI archive " + o.file();
    }
    if (t instanceof OutputTarget.DockerArchive d) {
      return "docker archive " + d.file();
    }
    if (t instanceof OutputTarget.LocalDir l) {
      return "directory " + l.dir();
    }
    if (t instanceof OutputTarget.RootfsTar r) {
      return r.toStdout() ? "tar on stdout" : "tar " + r.file();
    }
    return "registry " + ((OutputTarget.Registry) t).names();
  }

  /** BuildKit's metadata file keys (added in sorted order, as buildx writes them). */
  static String metadata(BuiltImage image, Descriptor m, List<String> names) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("containerimage.config.digest", image.configDescriptor().digest().toString());
    ObjectNode desc = root.putObject("containerimage.descriptor");
    desc.put("mediaType", m.mediaType());
    desc.put("digest", m.digest().toString());
    desc.put("size", m.size());
    root.put("containerimage.digest", m.digest().toString());
    if (!names.isEmpty()) {
      root.put("image.name", String.join(",", names));
    }
    return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }

  static void writeAtomically(Path file, String content) throws IOException {
    Path abs = file.toAbsolutePath();
    Path parent = abs.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Path tmp = Files.createTempFile(parent, "." + abs.getFileName(), ".tmp");
    try {
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
