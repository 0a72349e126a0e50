package io.streamdesk.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WebSessionsTest {

  private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
  private static final String SECRET = "0123456789abcdef0123456789abcdef";

  private static WebSessions at(Instant now) {
    return WebSessions.withSecret(SECRET, Duration.ofHours(1), Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void shouldVerifyTheConversationItIssuedUntilExpiry() {
    String cookie = at(NOW).issue("conv-1");

    assertThat(at(NOW.plusSeconds(3599)).verify(cookie)).contains("conv-1");
    assertThat(at(NOW.plusSeconds(3600)).verify(cookie)).isEmpty();
  }

  @Test
  void shouldRejectTamperedOrForeignCookies() {
    String cookie = at(NOW).issue("conv-1");
    WebSessions other =
        WebSessions.withSecret(
            "another-secret-another-secret-123", Duration.ofHours(1), Clock.systemUTC());

    assertThat(at(NOW).verify(cookie.replace("conv-1", "conv-2"))).isEmpty();
    assertThat(at(NOW).verify(cookie + "x")).isEmpty();
    assertThat(at(NOW).verify("garbage")).isEmpty();
    assertThat(other.verify(cookie)).isEmpty();
  }
}
