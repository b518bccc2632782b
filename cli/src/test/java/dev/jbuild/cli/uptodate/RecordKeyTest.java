package dev.jbuild.cli.uptodate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordKeyTest {
  private static final Path CWD = Path.of("/work");
  private static final List<String> ARGS = List.of("build", "--build-arg", "X", "-t", "a", ".");
  private static final Map<String, String> ENV =
      Map.of("HOME", "/root", "X", "1", "SOURCE_DATE_EPOCH", "1700000000");

  private static RecordKey key(
      String jar, int uid, Path cwd, List<String> args, Map<String, String> env) {
    return RecordKey.of(jar, uid, cwd, args, env);
  }

  private static RecordKey base() {
    return key("jar 1", 0, CWD, ARGS, ENV);
  }

  private static Map<String, String> env(String name, String value) {
    Map<String, String> e = new HashMap<>(ENV);
    e.put(name, value);
    return e;
  }

  @Test
  void everyInputChangesTheKey() {
    assertThat(key("jar 2", 0, CWD, ARGS, ENV)).isNotEqualTo(base());
    assertThat(key("jar 1", 1000, CWD, ARGS, ENV)).isNotEqualTo(base());
    assertThat(key("jar 1", 0, Path.of("/other"), ARGS, ENV)).isNotEqualTo(base());
    assertThat(key("jar 1", 0, CWD, List.of("build", "-t", "b", "."), ENV)).isNotEqualTo(base());
  }

  @Test
  void theVariablesABuildReadsChangeTheKey() {
    assertThat(key("jar 1", 0, CWD, ARGS, env("X", "2"))).as("--build-arg X").isNotEqualTo(base());
    assertThat(key("jar 1", 0, CWD, ARGS, env("HOME", "/home/u"))).isNotEqualTo(base());
    assertThat(key("jar 1", 0, CWD, ARGS, env("XDG_DATA_HOME", "/d"))).isNotEqualTo(base());
    assertThat(key("jar 1", 0, CWD, ARGS, env("SOURCE_DATE_EPOCH", "1"))).isNotEqualTo(base());
    assertThat(key("jar 1", 0, CWD, ARGS, env("JBUILD_USERNS", "1"))).isNotEqualTo(base());
    List<String> joined = List.of("build", "--build-arg=Y", ".");
    assertThat(key("jar 1", 0, CWD, joined, env("Y", "1")))
        .as("--build-arg=Y")
        .isNotEqualTo(key("jar 1", 0, CWD, joined, env("Y", "2")));
    Map<String, String> withoutX = new HashMap<>(ENV);
    withoutX.remove("X");
    assertThat(key("jar 1", 0, CWD, ARGS, withoutX)).as("X unset").isNotEqualTo(base());
  }

  @Test
  void argumentBoundariesCount() {
    assertThat(key("jar 1", 0, CWD, List.of("build", "-tab", "."), ENV))
        .isNotEqualTo(key("jar 1", 0, CWD, List.of("build", "-t", "ab", "."), ENV));
  }

  @Test
  void variablesNoBuildReadsDoNot() {
    Map<String, String> shell = new HashMap<>(ENV);
    shell.putAll(
        Map.of(
            "_", "/usr/bin/jbuild",
            "OLDPWD", "/",
            "SHLVL", "3",
            "TERM", "xterm",
            "HYPERFINE_RANDOMIZED_ENVIRONMENT_OFFSET", "xxxx",
            "Y", "unrelated"));
    assertThat(key("jar 1", 0, CWD, ARGS, shell)).isEqualTo(base());
  }

  @Test
  void theFileNameIsSixteenHexDigitsOfTheText() {
    assertThat(base().fileName()).matches("[0-9a-f]{16}\\.bin");
    assertThat(base().fileName()).isEqualTo(base().fileName());
    assertThat(key("jar 2", 0, CWD, ARGS, ENV).fileName()).isNotEqualTo(base().fileName());
  }
}
