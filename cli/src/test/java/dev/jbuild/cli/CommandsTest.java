package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandsTest {
  @ParameterizedTest
  @CsvSource(
      nullValues = "null",
      value = {
        "pull alpine, pull",
        "--debug pull alpine, pull",
        "bud -t x ., build",
        "build ., build",
        "--version, null",
        "'', null",
        "nosuch x, nosuch",
      })
  void nameIsTheFirstWordThatIsNotAnOptionWithAliasesResolved(String line, String expected) {
    String[] args = line.isEmpty() ? new String[0] : line.split(" ");
    assertEquals(expected, Commands.name(args));
  }

  @ParameterizedTest
  @CsvSource({"pull alpine, 1", "bud ., 1", "nosuch, 16", "'', 16", "--help, 16", "--version, 0"})
  void onlyTheCommandBeingRunIsRegistered(String line, int count) {
    String[] args = line.isEmpty() ? new String[0] : line.split(" ");
    assertEquals(count, Commands.toRegister(args).size());
    if (count == 1) {
      assertEquals(List.of(Commands.all().get(Commands.name(args))), Commands.toRegister(args));
    }
  }
}
