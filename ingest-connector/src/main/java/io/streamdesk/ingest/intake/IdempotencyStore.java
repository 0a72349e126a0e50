package io.streamdesk.ingest.intake;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * First results of {@code Idempotency-Key}s, per caller, for a bounded time. The first request with
 * a key claims it and publishes; a repeat with the same body gets the first result (waiting for it
 * if it is still in flight, never publishing twice); a repeat with another body is a 422. A first
 * attempt that failed releases the key so the client can retry.
 */
public final class IdempotencyStore {

  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

  /** The stored first attempt of one key. */
  private record Entry(byte[] fingerprint, CompletableFuture<Accepted> result) {}

  /** What a request with a key should do. */
  public sealed interface Claim {
    /** No earlier request: publish, then {@link #complete} or {@link #fail}. */
    record First(String slot, CompletableFuture<Accepted> result) implements Claim {}

    /** An earlier request with the same body: answer its result. */
    record Repeat(CompletableFuture<Accepted> result) implements Claim {}
  }

  private final Cache<String, Entry> entries;

  public IdempotencyStore(Duration ttl, long maxEntries) {
    this.entries = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxEntries).build();
  }

  /**
   * Claims {@code key} for {@code principal}'s request with this fingerprint.
   *
   * @throws ApiProblem 400 for a malformed key, 422 when the key was used with another body
   */
  public Claim claim(String principal, String key, byte[] fingerprint) {
    if (!KEY.matcher(key).matches()) {
      throw ApiProblem.badRequest(
          "invalid_idempotency_key", "Idempotency-Key must be 1-255 visible ASCII characters");
    }
    String slot = principal + '\u0000' + key;
    Entry fresh = new Entry(fingerprint, new CompletableFuture<>());
    Entry existing = entries.asMap().putIfAbsent(slot, fresh);
    if (existing == null) {
      return new Claim.First(slot, fresh.result());
    }
    if (!MessageDigest.isEqual(existing.fingerprint(), fingerprint)) {
      throw ApiProblem.of(
          422,
          "idempotency_key_reused",
          "Idempotency-Key reused",
          "This Idempotency-Key was already used with a different request body");
    }
    return new Claim.Repeat(existing.result());
  }

  /** Stores the first result of a claimed key. */
  public void complete(Claim.First claim, Accepted accepted) {
    claim.result().complete(accepted);
  }

  /** Releases a key whose first attempt failed, so a retry publishes. */
  public void fail(Claim.First claim, Throwable error) {
    entries
        .asMap()
        .computeIfPresent(claim.slot(), (k, e) -> e.result() == claim.result() ? null : e);
    claim.result().completeExceptionally(error);
  }

  public long size() {
    return entries.estimatedSize();
  }
}
