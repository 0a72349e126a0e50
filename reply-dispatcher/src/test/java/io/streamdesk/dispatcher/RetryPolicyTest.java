package io.streamdesk.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final RetryPolicy policy =
      new RetryPolicy(
          6, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), 0.2, Duration.ofMinutes(5));

  @Test
  void shouldGrowTheBaseBackoffExponentiallyUpToTheCeiling() {
    assertThat(policy.baseBackoff(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.baseBackoff(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.baseBackoff(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(policy.baseBackoff(5)).isEqualTo(Duration.ofSeconds(16));
    assertThat(policy.baseBackoff(6)).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.baseBackoff(5_000)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void shouldKeepJitteredBackoffWithinPlusMinusJitterOfTheBase() {
    Random random = new Random(42);
    for (int failed = 1; failed <= 8; failed++) {
      long base = policy.baseBackoff(failed).toMillis();
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (int i = 0; i < 2_000; i++) {
        long delay = policy.backoff(failed, random).toMillis();
        min = Math.min(min, delay);
        max = Math.max(max, delay);
      }
      assertThat(min).isGreaterThanOrEqualTo(Math.round(base * 0.8));
      assertThat(max).isLessThanOrEqualTo(Math.round(base * 1.2));
      // The spread is really used, not a constant factor.
      assertThat(max - min).isGreaterThan((long) (base * 0.3));
    }
  }

  @Test
  void shouldReachBothJitterBoundsAtTheExtremesOfTheRandomSource() {
    assertThat(policy.backoff(2, fixed(0.0))).isEqualTo(Duration.ofMillis(1_600));
    assertThat(policy.backoff(2, fixed(Math.nextDown(1.0)))).isEqualTo(Duration.ofMillis(2_400));
  }

  @Test
  void shouldNotJitterWhenJitterIsZero() {
    RetryPolicy exact =
        new RetryPolicy(3, Duration.ofMillis(100), 3.0, Duration.ofSeconds(1), 0.0, Duration.ZERO);

    assertThat(exact.backoff(2, new Random())).isEqualTo(Duration.ofMillis(300));
  }

  @Test
  void shouldHonourALongerRetryAfterUpToItsCeiling() {
    assertThat(policy.delayBeforeNextAttempt(1, Optional.of(Duration.ofSeconds(10)), fixed(0.5)))
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(policy.delayBeforeNextAttempt(1, Optional.of(Duration.ofHours(1)), fixed(0.5)))
        .isEqualTo(Duration.ofMinutes(5));
    // A shorter Retry-After does not shorten the backoff.
    assertThat(policy.delayBeforeNextAttempt(3, Optional.of(Duration.ZERO), fixed(0.5)))
        .isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void shouldCountAttemptsAgainstTheLimit() {
    assertThat(policy.allowsAnotherAttempt(5)).isTrue();
    assertThat(policy.allowsAnotherAttempt(6)).isFalse();
  }

  @Test
  void shouldRejectInvalidSettings() {
    assertThatThrownBy(
            () ->
                new RetryPolicy(
                    0, Duration.ofSeconds(1), 2, Duration.ofSeconds(2), 0.1, Duration.ZERO))
        .hasMessageContaining("maxAttempts");
    assertThatThrownBy(
            () ->
                new RetryPolicy(
                    3, Duration.ofSeconds(5), 2, Duration.ofSeconds(2), 0.1, Duration.ZERO))
        .hasMessageContaining("maxBackoff");
    assertThatThrownBy(
            () ->
                new RetryPolicy(
                    3, Duration.ofSeconds(1), 2, Duration.ofSeconds(2), 1.5, Duration.ZERO))
        .hasMessageContaining("jitter");
  }

  private static RandomGenerator fixed(double value) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new UnsupportedOperationException();
      }

      @Override
      public double nextDouble() {
        return value;
      }
    };
  }
}
