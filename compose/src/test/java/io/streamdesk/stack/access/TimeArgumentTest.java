package io.streamdesk.stack.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class TimeArgumentTest {

  private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
  private final TimeArgument times = new TimeArgument(Clock.fixed(NOW, ZoneId.of("Asia/Shanghai")));

  @Test
  void shouldReadAgesAsThatLongAgo() {
    assertThat(times.parse("2h")).isEqualTo(Instant.parse("2026-05-01T10:00:00Z"));
    assertThat(times.parse("-30m")).isEqualTo(Instant.parse("2026-05-01T11:30:00Z"));
    assertThat(times.parse("1d")).isEqualTo(Instant.parse("2026-04-30T12:00:00Z"));
    assertThat(times.parse("now")).isEqualTo(NOW);
  }

  @Test
  void shouldReadIsoTimesWithAndWithoutAZone() {
    assertThat(times.parse("2026-05-01T08:00:00Z"))
        .isEqualTo(Instant.parse("2026-05-01T08:00:00Z"));
    assertThat(times.parse("2026-05-01T16:00+08:00"))
        .isEqualTo(Instant.parse("2026-05-01T08:00:00Z"));
    // Local times are in the clock's zone (Shanghai, UTC+8).
    assertThat(times.parse("2026-05-01T16:00")).isEqualTo(Instant.parse("2026-05-01T08:00:00Z"));
    assertThat(times.parse("2026-05-01 16:00:30")).isEqualTo(Instant.parse("2026-05-01T08:00:30Z"));
    assertThat(times.parse("2026-05-01")).isEqualTo(Instant.parse("2026-04-30T16:00:00Z"));
  }

  @Test
  void shouldReadEpochMilliseconds() {
    assertThat(times.parse("1777636800000")).isEqualTo(Instant.ofEpochMilli(1777636800000L));
  }

  @Test
  void shouldNameTheAcceptedFormsWhenTheTimeIsUnreadable() {
    assertThatThrownBy(() -> times.parse("yesterday"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("an age (2h, 30m, 1d)");
  }
}
