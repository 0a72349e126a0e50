package io.streamdesk.retrieval.search;

import io.streamdesk.knowledge.index.VectorIndex;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The current KB version without asking the index on every message: the answer cache keys on it,
 * and for a remote index (Qdrant) {@link VectorIndex#version()} is a network call. The version is
 * re-read when older than {@code maxAge}, and raised by every search result (versions only grow),
 * so a new KB version invalidates cached answers within {@code maxAge} at the latest.
 */
public final class KbVersionTracker {

  private final VectorIndex index;
  private final long maxAgeNanos;
  private final LongSupplier nanoClock;
  private volatile long version = -1;
  private volatile long readAt;

  public KbVersionTracker(VectorIndex index, Duration maxAge) {
    this(index, maxAge, System::nanoTime);
  }

  KbVersionTracker(VectorIndex index, Duration maxAge, LongSupplier nanoClock) {
    this.index = Objects.requireNonNull(index, "index");
    this.maxAgeNanos = maxAge.toNanos();
    this.nanoClock = nanoClock;
  }

  /** The KB version, at most {@code maxAge} old. */
  public long current() {
    long now = nanoClock.getAsLong();
    if (version < 0 || now - readAt >= maxAgeNanos) {
      long read = index.version();
      readAt = now;
      version = Math.max(version, read);
    }
    return version;
  }

  /** A version seen in a search result. */
  public void observed(long kbVersion) {
    if (kbVersion > version) {
      version = kbVersion;
    }
  }
}
