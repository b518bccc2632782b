package dev.jbuild.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputSpecsTest {
  private static final List<String> NAMES = List.of("example.com/app:1.2");

  @Test
  void ociTypeWritesArchiveByDefaultAndDirectoryWithTarFalse() {
    assertThat(OutputSpecs.parseOutput("type=oci,dest=out.tar", NAMES))
        .isEqualTo(new OutputTarget.OciArchive(Path.of("out.tar"), "1.2"));
    assertThat(OutputSpecs.parseOutput("type=oci,dest=layout,tar=false", NAMES))
        .isEqualTo(new OutputTarget.OciLayoutDir(Path.of("layout"), "1.2"));
  }

  @Test
  void ociRefNameDefaultsToLatestWithoutTags() {
    assertThat(OutputSpecs.parseOutput("type=oci,dest=o", List.of()))
        .isEqualTo(new OutputTarget.OciArchive(Path.of("o"), "latest"));
  }

  @Test
  void dockerTypeCarriesTagsOrExplicitName() {
    assertThat(OutputSpecs.parseOutput("type=docker,dest=img.tar", NAMES))
        .isEqualTo(new OutputTarget.DockerArchive(Path.of("img.tar"), NAMES));
    assertThat(OutputSpecs.parseOutput("type=docker,dest=img.tar,name=a:1", NAMES))
        .isEqualTo(new OutputTarget.DockerArchive(Path.of("img.tar"), List.of("a:1")));
  }

  @Test
  void bareDirectoryIsLocalAndDashIsTarOnStdout() {
    assertThat(OutputSpecs.parseOutput("outdir", NAMES))
        .isEqualTo(new OutputTarget.LocalDir(Path.of("outdir")));
    assertThat(OutputSpecs.parseOutput("-", NAMES))
        .isEqualTo(new OutputTarget.RootfsTar(Path.of("-"), true));
    assertThat(OutputSpecs.parseOutput("type=local,dest=d", NAMES))
        .isEqualTo(new OutputTarget.LocalDir(Path.of("d")));
    assertThat(OutputSpecs.parseOutput("type=tar,dest=fs.tar", NAMES))
        .isEqualTo(new OutputTarget.RootfsTar(Path.of("fs.tar"), false));
  }

  @Test
  void quotedValuesMayContainCommas() {
    assertThat(OutputSpecs.parseOutput("type=docker,dest=x.tar,\"name=a:1,b:2\"", NAMES))
        .isEqualTo(new OutputTarget.DockerArchive(Path.of("x.tar"), List.of("a:1", "b:2")));
  }

  @Test
  void badSpecsAreRejectedWithTheFix() {
    assertThatThrownBy(() -> OutputSpecs.parseOutput("type=oci", NAMES))
        .isInstanceOf(OutputSpecException.class)
        .hasMessage("output \"type=oci\" needs dest=<path>");
    assertThatThrownBy(() -> OutputSpecs.parseOutput("type=zip,dest=x", NAMES))
        .hasMessageContaining("unknown output type \"zip\"");
    assertThatThrownBy(() -> OutputSpecs.parseOutput("dest=x", NAMES))
        .hasMessageContaining("has no type=");
    assertThatThrownBy(() -> OutputSpecs.parseOutput("type=oci,,dest=x", NAMES))
        .hasMessageContaining("expected key=value");
  }

  @Test
  void transportTagsSplitPathAndReference() {
    assertThat(OutputSpecs.parseTransportTag("oci:/tmp/layout:v1"))
        .isEqualTo(new OutputTarget.OciLayoutDir(Path.of("/tmp/layout"), "v1"));
    assertThat(OutputSpecs.parseTransportTag("oci:/tmp/layout"))
        .isEqualTo(new OutputTarget.OciLayoutDir(Path.of("/tmp/layout"), "latest"));
    assertThat(OutputSpecs.parseTransportTag("oci-archive:img.tar"))
        .isEqualTo(new OutputTarget.OciArchive(Path.of("img.tar"), "latest"));
    assertThat(OutputSpecs.parseTransportTag("docker-archive:/x/img.tar:app:2"))
        .isEqualTo(new OutputTarget.DockerArchive(Path.of("/x/img.tar"), List.of("app:2")));
    assertThat(OutputSpecs.parseTransportTag("registry.example.com/app:1")).isNull();
  }

  @Test
  void tagOfIgnoresRegistryPortsAndDigests() {
    assertThat(OutputSpecs.tagOf("localhost:5000/app")).isEqualTo("latest");
    assertThat(OutputSpecs.tagOf("localhost:5000/app:7")).isEqualTo("7");
    assertThat(OutputSpecs.tagOf("app:3@sha256:abc")).isEqualTo("3");
  }
}
