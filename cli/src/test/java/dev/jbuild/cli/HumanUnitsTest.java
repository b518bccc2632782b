package dev.jbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanUnitsTest {
  @ParameterizedTest(name = "{0} bytes -> {1}")
  @CsvSource({
    "0, 0B",
    "999, 999B",
    "1000, 1kB",
    "1234, 1.23kB",
    "7850000, 7.85MB",
    "123456789, 123MB",
    "2000000000, 2GB"
  })
  void sizesUseDecimalUnitsWithThreeSignificantDigits(long bytes, String expected) {
    assertThat(HumanUnits.size(bytes)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} s -> {1}")
  @CsvSource({
    "0, Less than a second ago",
    "5, 5 seconds ago",
    "60, About a minute ago",
    "600, 10 minutes ago",
    "3600, About an hour ago",
    "7200, 2 hours ago",
    "259200, 3 days ago",
    "1814400, 3 weeks ago",
    "7776000, 3 months ago",
    "94608000, 3 years ago"
  })
  void agesReadLikeDockers(long seconds, String expected) {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    assertThat(HumanUnits.ago(now.minus(Duration.ofSeconds(seconds)), now)).isEqualTo(expected);
  }
}
