package io.streamdesk.retrieval.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * The answer cache.
 *
 * @param enabled whether frequent questions are answered from the cache
 * @param maxEntries cached answers per partition (least recently used go first)
 * @param ttl a cached answer older than this is not used, and is purged
 * @param pendingMaxEntries questions awaiting their reply to be cached, per partition
 */
public record CacheSettings(boolean enabled, int maxEntries, Duration ttl, int pendingMaxEntries) {

  public CacheSettings {
    Objects.requireNonNull(ttl, "ttl");
    if (maxEntries < 1 || pendingMaxEntries < 1) {
      throw new IllegalArgumentException("cache sizes must be >= 1");
    }
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("cache ttl must be positive, was " + ttl);
    }
  }

  public static CacheSettings defaults() {
    return new CacheSettings(true, 1000, Duration.ofHours(1), 10_000);
  }
}
