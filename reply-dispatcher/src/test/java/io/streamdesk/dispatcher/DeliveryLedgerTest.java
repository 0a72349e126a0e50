package io.streamdesk.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {

  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
  private static final TopicPartition REPLIES_0 = new TopicPartition("cs.replies", 0);
  private static final TopicPartition HANDOFFS_0 = new TopicPartition("cs.handoffs", 0);

  private final MutableClock clock = new MutableClock(T0);
  private final DeliveryLedger ledger = new DeliveryLedger(Duration.ofDays(7), clock);

  @Test
  void shouldRememberADeliveryForItsInputPartitionOnly() {
    ledger.delivered(REPLIES_0, "m-1:web", T0);

    assertThat(ledger.isDelivered(REPLIES_0, "m-1:web")).isTrue();
    assertThat(ledger.isDelivered(HANDOFFS_0, "m-1:web")).isFalse();
    assertThat(ledger.isDelivered(REPLIES_0, "m-2:web")).isFalse();
  }

  @Test
  void shouldForgetDeliveriesOlderThanTheTtl() {
    // Given
    ledger.load(
        REPLIES_0,
        Map.of("old:web", T0.toEpochMilli(), "new:web", T0.plusSeconds(60).toEpochMilli()));

    // When the clock passes the TTL of the older one
    clock.now = T0.plus(Duration.ofDays(7)).plusSeconds(1);

    // Then it is no longer a duplicate, and expiry frees it
    assertThat(ledger.isDelivered(REPLIES_0, "old:web")).isFalse();
    assertThat(ledger.isDelivered(REPLIES_0, "new:web")).isTrue();
    assertThat(ledger.expire()).isEqualTo(1);
    assertThat(ledger.size()).isEqualTo(1);
    assertThat(ledger.horizon()).isEqualTo(T0.plusSeconds(1));
  }

  @Test
  void shouldDropAReleasedPartition() {
    ledger.delivered(REPLIES_0, "m-1:web", T0);

    ledger.release(REPLIES_0);

    assertThat(ledger.isLoaded(REPLIES_0)).isFalse();
    assertThat(ledger.isDelivered(REPLIES_0, "m-1:web")).isFalse();
  }

  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
