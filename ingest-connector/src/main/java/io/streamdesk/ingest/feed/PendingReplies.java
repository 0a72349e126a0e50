package io.streamdesk.ingest.feed;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.streamdesk.schemas.events.ReplyGenerated;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Synchronous requests waiting for their reply, matched by messageId ({@code inReplyTo}). Recent
 * replies are also kept briefly, so a request that starts waiting after its reply was read (a
 * retried query, a race with a fast pipeline) still gets it.
 */
public final class PendingReplies {

  private final Map<String, CompletableFuture<ReplyGenerated>> waiting = new ConcurrentHashMap<>();
  private final Cache<String, ReplyGenerated> recent;

  public PendingReplies(Duration keepRecent, long maxRecent) {
    this.recent = Caffeine.newBuilder().expireAfterWrite(keepRecent).maximumSize(maxRecent).build();
  }

  /** A future completed by the reply to {@code messageId}; call {@link #forget} when done. */
  public CompletableFuture<ReplyGenerated> expect(String messageId) {
    CompletableFuture<ReplyGenerated> future =
        waiting.computeIfAbsent(messageId, id -> new CompletableFuture<>());
    ReplyGenerated already = recent.getIfPresent(messageId);
    if (already != null) {
      future.complete(already);
    }
    return future;
  }

  /** Completes the request waiting for this reply, if any. */
  public void onReply(ReplyGenerated reply) {
    recent.put(reply.getInReplyTo(), reply);
    CompletableFuture<ReplyGenerated> future = waiting.get(reply.getInReplyTo());
    if (future != null) {
      future.complete(reply);
    }
  }

  public void forget(String messageId) {
    waiting.remove(messageId);
  }

  /** Requests waiting now. */
  public int pending() {
    return waiting.size();
  }

  /** Fails every waiting request (shutdown). */
  public void failAll(RuntimeException reason) {
    waiting.values().forEach(f -> f.completeExceptionally(reason));
  }
}
