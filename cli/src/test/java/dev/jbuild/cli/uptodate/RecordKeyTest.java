package dev.jbuild.cli.uptodate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordKeyTest {
  private static final Path CWD = Path.of("/work");
  private static final List<String> ARGS = List.of("build", "-t", "a", ".");
  private static final Map<String, String> ENV = Map.of("HOME", "/root", "X", "1");

  private static RecordKey key(
      String jar, int uid, Path cwd, List<String> args, Map<String, String> env) {
    return RecordKey.of(jar, uid, cwd, args, env);
  }

  private static RecordKey base() {
    return key("jar 1", 0, CWD, ARGS, ENV);
  }

  @Test
  void everyInputChangesTheKey() {
    assertThat(key("jar 2", 0, CWD, ARGS, ENV)).isNotEqualTo(base());
    assertThat(key("jar 1", 1000, CWD, ARGS, ENV)).isNotEqualTo(base());
    assertThat(key("jar 1", 0, Path.of("/other"), ARGS, ENV)).isNotEqualTo(base());
    assertThat(key("jar 1", 0, CWD, List.of("build", "-t", "b", "."), ENV)).isNotEqualTo(base());
    assertThat(key("jar 1", 0, CWD, ARGS, Map.of("HOME", "/root", "X", "2"))).isNotEqualTo(base());
    assertThat(key("jar 1", 0, CWD, ARGS, Map.of("HOME", "/root"))).isNotEqualTo(base());
  }

  @Test
  void argumentBoundariesCount() {
    assertThat(key("jar 1", 0, CWD, List.of("build", "-tab", "."), ENV))
        .isNotEqualTo(key("jar 1", 0, CWD, List.of("build", "-t", "ab", "."), ENV));
  }

  @Test
  void shellBookkeepingVariablesDoNot() {
    Map<String, String> shell =
        Map.of("HOME", "/root", "X", "1", "_", "/usr/bin/jbuild", "OLDPWD", "/", "SHLVL", "3");
    assertThat(key("jar 1", 0, CWD, ARGS, shell)).isEqualTo(base());
  }

  @Test
  void theFileNameIsSixteenHexDigitsOfTheText() {
    assertThat(base().fileName()).matches("[0-9a-f]{16}\\.bin");
    assertThat(base().fileName()).isEqualTo(base().fileName());
    assertThat(key("jar 2", 0, CWD, ARGS, ENV).fileName()).isNotEqualTo(base().fileName());
  }
}
