package io.streamdesk.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");

  @Test
  void shouldReadDelaySeconds() {
    assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
  }

  @Test
  void shouldReadAnHttpDate() {
    assertThat(RetryAfter.parse("Mon, 05 Jan 2026 09:00:30 GMT", NOW))
        .contains(Duration.ofSeconds(30));
  }

  @Test
  void shouldIgnoreUnreadableOrPastValues() {
    assertThat(RetryAfter.parse(null, NOW)).isEmpty();
    assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
    assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
    assertThat(RetryAfter.parse("99999999999999999999999", NOW)).isEmpty();
    assertThat(RetryAfter.parse("Mon, 05 Jan 2026 08:59:00 GMT", NOW)).isEmpty();
  }
}
