package dev.jbuild.rootless;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdMappingsTest {
  private static final HostUser ALICE = new HostUser("alice", 1000, 1001);

  @Test
  void callerMapsToRootAndRangeStacksAboveIt() {
    IdMappings m = IdMappings.of(ALICE, "bob:1:2\nalice:100000:65536\n", "alice:200000:65536\n");
    assertThat(m.uids()).containsExactly(new IdRange(0, 1000, 1), new IdRange(1, 100000, 65536));
    assertThat(m.gids()).containsExactly(new IdRange(0, 1001, 1), new IdRange(1, 200000, 65536));
    assertThat(m.hasSubordinateRanges()).isTrue();
    assertThat(m.uidCount()).isEqualTo(65537);
  }

  @Test
  void entriesMatchByNumericUidAndStackInFileOrder() {
    IdMappings m = IdMappings.of(ALICE, "1000:300000:10\n# c\nalice:400000:5\n", "1000:9:1\n");
    assertThat(m.uids())
        .containsExactly(
            new IdRange(0, 1000, 1), new IdRange(1, 300000, 10), new IdRange(11, 400000, 5));
    assertThat(m.gids()).containsExactly(new IdRange(0, 1001, 1), new IdRange(1, 9, 1));
  }

  @Test
  void malformedAndForeignLinesAreSkipped() {
    IdMappings m = IdMappings.of(ALICE, "alice:x:5\nalice:1:0\nalice:5\nalicex:1:5\n", "");
    assertThat(m.uids()).containsExactly(new IdRange(0, 1000, 1));
    assertThat(m.hasSubordinateRanges()).isFalse();
  }

  @Test
  void rangeOnlyForUidsIsNotAFullMapping() {
    IdMappings m = IdMappings.of(ALICE, "alice:100000:65536", "");
    assertThat(m.hasSubordinateRanges()).isFalse();
    assertThat(m.gids()).isEqualTo(List.of(new IdRange(0, 1001, 1)));
  }

  @Test
  void mapLineIsWhatNewuidmapAndProcTake() {
    assertThat(new IdRange(1, 165536, 65536).asMapLine()).isEqualTo("1 165536 65536");
  }
}
