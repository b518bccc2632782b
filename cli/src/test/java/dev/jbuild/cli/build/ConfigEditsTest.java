package dev.jbuild.cli.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.image.ContainerConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigEditsTest {
  @Test
  void envReplacesInPlaceAndAppendsNewVariables() {
    ContainerConfig c = ContainerConfig.EMPTY.withEnv(List.of("PATH=/bin", "A=1"));
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("A", "2");
    vars.put("B", "3");
    assertThat(ConfigEdits.env(c, vars).env()).containsExactly("PATH=/bin", "A=2", "B=3");
  }

  @Test
  void lookupFindsValueByName() {
    assertThat(ConfigEdits.lookup(List.of("AB=1", "A=x=y"), "A")).isEqualTo("x=y");
    assertThat(ConfigEdits.lookup(List.of("AB=1"), "A")).isNull();
  }

  @Test
  void exposeDefaultsToTcpAndExpandsRanges() {
    ContainerConfig c =
        ConfigEdits.expose(ContainerConfig.EMPTY, List.of("80", "53/UDP", "8000-8002"));
    assertThat(c.exposedPorts())
        .containsExactlyInAnyOrder("80/tcp", "53/udp", "8000/tcp", "8001/tcp", "8002/tcp");
  }

  @Test
  void exposeRejectsBadProtocolsAndPorts() {
    assertThatThrownBy(() -> PortSpecs.expand("80/icmp")).hasMessage("invalid proto: icmp");
    assertThatThrownBy(() -> PortSpecs.expand("http")).hasMessageContaining("invalid port");
    assertThatThrownBy(() -> PortSpecs.expand("90-80")).hasMessageContaining("invalid range");
  }

  @Test
  void labelsMergeOverBaseLabels() {
    ContainerConfig c = ContainerConfig.EMPTY.withLabels(Map.of("a", "1", "b", "1"));
    assertThat(ConfigEdits.labels(c, Map.of("b", "2")).labels())
        .containsEntry("a", "1")
        .containsEntry("b", "2");
  }

  @Test
  void workdirJoinsRelativePathsAndCleans() {
    assertThat(ConfigEdits.workdir(null, "app")).isEqualTo("/app");
    assertThat(ConfigEdits.workdir("/srv", "www/../data/")).isEqualTo("/srv/data");
    assertThat(ConfigEdits.workdir("/srv", "/opt//x")).isEqualTo("/opt/x");
    assertThat(ConfigEdits.workdir("/", "..")).isEqualTo("/");
  }

  @Test
  void volumesAccumulate() {
    ContainerConfig c = ConfigEdits.volumes(ContainerConfig.EMPTY, List.of("/data"));
    assertThat(ConfigEdits.volumes(c, List.of("/logs")).volumes())
        .containsExactly("/data", "/logs");
  }
}
