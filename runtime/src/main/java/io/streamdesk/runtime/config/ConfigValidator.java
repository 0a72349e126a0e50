package io.streamdesk.runtime.config;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * A rule a parsed value must follow. Returns the problem as text completing "value 'x' ...", or
 * empty when the value is fine.
 */
@FunctionalInterface
public interface ConfigValidator<T> {

  Optional<String> check(T value);

  /** A rule from a predicate and the problem it reports. */
  static <T> ConfigValidator<T> of(Predicate<? super T> ok, String problem) {
    return v -> ok.test(v) ? Optional.empty() : Optional.of(problem);
  }

  static <N extends Number & Comparable<N>> ConfigValidator<N> atLeast(N min) {
    return of(v -> v.compareTo(min) >= 0, "must be at least " + min);
  }

  static <N extends Number & Comparable<N>> ConfigValidator<N> between(N min, N max) {
    return of(
        v -> v.compareTo(min) >= 0 && v.compareTo(max) <= 0,
        "must be between " + min + " and " + max);
  }

  static ConfigValidator<String> nonBlank() {
    return of(v -> !v.isBlank(), "must not be blank");
  }

  static ConfigValidator<java.time.Duration> positiveDuration() {
    return of(d -> !d.isNegative() && !d.isZero(), "must be a positive duration");
  }

  static ConfigValidator<java.time.Duration> nonNegativeDuration() {
    return of(d -> !d.isNegative(), "must not be negative");
  }
}
