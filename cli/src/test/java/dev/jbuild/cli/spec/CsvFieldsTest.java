package dev.jbuild.cli.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvFieldsTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "type=local,dest=out|type=local;dest=out",
        "a=\"x,y\",b=2|a=x,y;b=2",
        "a=\"say \"\"hi\"\"\"|a=say \"hi\"",
        "a=1,,b=2|a=1;;b=2",
        "a=|a="
      })
  void splitsAsBuildxReadsCsv(String value, String expected) {
    assertThat(CsvFields.split(value, IllegalStateException::new))
        .isEqualTo(List.of(expected.split(";", -1)));
  }

  @Test
  void anUnclosedQuoteThrowsTheCallersError() {
    assertThatThrownBy(() -> CsvFields.split("a=\"x,b=2", () -> new IllegalStateException("mine")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("mine");
  }
}
