package io.streamdesk.dispatcher;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a delivery again: exponential backoff with symmetric jitter, at least as long as the
 * receiver's {@code Retry-After} (capped), for at most {@code maxAttempts} attempts in all.
 *
 * <p>The backoff after the n-th failed attempt (n from 1) is {@code base(n) = min(maxBackoff,
 * initialBackoff * multiplier^(n-1))}, then multiplied by a random factor in {@code [1 - jitter, 1
 * + jitter]}, so many deliveries that failed together (a receiver outage) do not come back
 * together.
 *
 * @param maxAttempts attempts in all, the first one included (1 = never retry)
 * @param initialBackoff backoff after the first failed attempt, before jitter
 * @param multiplier growth of the backoff per failed attempt (>= 1)
 * @param maxBackoff ceiling of the backoff before jitter
 * @param jitter relative spread of the backoff, 0 (none) to 1
 * @param maxRetryAfter ceiling of an honoured {@code Retry-After}
 */
public record RetryPolicy(
    int maxAttempts,
    Duration initialBackoff,
    double multiplier,
    Duration maxBackoff,
    double jitter,
    Duration maxRetryAfter) {

  public RetryPolicy {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
    }
    if (initialBackoff.isNegative() || initialBackoff.isZero()) {
      throw new IllegalArgumentException("initialBackoff must be positive");
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff must be >= initialBackoff");
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("multiplier must be a number >= 1, got " + multiplier);
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("jitter must be between 0 and 1, got " + jitter);
    }
    if (maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("maxRetryAfter must not be negative");
    }
  }

  /** Whether another attempt may follow {@code attemptsMade} failed ones. */
  public boolean allowsAnotherAttempt(int attemptsMade) {
    return attemptsMade < maxAttempts;
  }

  /** The backoff before jitter after {@code failedAttempts} failed attempts (from 1). */
  public Duration baseBackoff(int failedAttempts) {
    if (failedAttempts < 1) {
      throw new IllegalArgumentException("failedAttempts counts from 1, got " + failedAttempts);
    }
    double millis = initialBackoff.toMillis() * Math.pow(multiplier, failedAttempts - 1.0);
    // pow may overflow to infinity for long outages; the ceiling applies first.
    return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
  }

  /** The jittered backoff after {@code failedAttempts} failed attempts. */
  public Duration backoff(int failedAttempts, RandomGenerator random) {
    long base = baseBackoff(failedAttempts).toMillis();
    double factor = 1.0 + jitter * (2.0 * random.nextDouble() - 1.0);
    return Duration.ofMillis(Math.round(base * factor));
  }

  /**
   * How long to wait before the next attempt: the jittered backoff, or the receiver's {@code
   * Retry-After} (at most {@link #maxRetryAfter}) when that is longer.
   */
  public Duration delayBeforeNextAttempt(
      int failedAttempts, Optional<Duration> retryAfter, RandomGenerator random) {
    Duration backoff = backoff(failedAttempts, random);
    if (retryAfter.isEmpty()) {
      return backoff;
    }
    Duration honoured =
        retryAfter.get().compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter.get();
    return honoured.compareTo(backoff) > 0 ? honoured : backoff;
  }
}
