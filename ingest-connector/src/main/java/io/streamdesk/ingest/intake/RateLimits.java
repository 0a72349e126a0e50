package io.streamdesk.ingest.intake;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.streamdesk.ingest.IngestConfig.Rate;
import java.time.Duration;

/**
 * Token buckets (bucket4j) per API key, per conversation and per client address for new chat-page
 * conversations. Buckets live in bounded caches and are dropped once idle long enough to have
 * refilled, so memory stays bounded and a dropped bucket is indistinguishable from a full one.
 */
public final class RateLimits {

  private static final long MAX_BUCKETS = 200_000;

  private final Limiter perKey;
  private final Limiter perConversation;
  private final Limiter perClientAddress;

  public RateLimits(Rate key, Rate conversation, Rate newWebConversations) {
    this.perKey = new Limiter("api_key", key);
    this.perConversation = new Limiter("conversation", conversation);
    this.perClientAddress = new Limiter("new_conversation", newWebConversations);
  }

  /**
   * Takes one token from the caller's and the conversation's bucket.
   *
   * @throws ApiProblem 429 with the delay until a token is back
   */
  public void acquireMessage(String principal, String conversationId) {
    perConversation.acquire(conversationId);
    try {
      perKey.acquire(principal);
    } catch (ApiProblem e) {
      perConversation.refund(conversationId); // the message was not taken after all
      throw e;
    }
  }

  /** Takes one token for a new chat-page conversation from this client address. */
  public void acquireNewWebConversation(String clientAddress) {
    perClientAddress.acquire(clientAddress);
  }

  /** One kind of bucket. */
  private static final class Limiter {
    private final String name;
    private final Rate rate;
    private final LoadingCache<String, Bucket> buckets;

    Limiter(String name, Rate rate) {
      this.name = name;
      this.rate = rate;
      long refillNanos =
          rate.enabled()
              ? rate.period().toNanos() / rate.perPeriod() * Math.max(1, rate.capacity())
              : 0;
      this.buckets =
          Caffeine.newBuilder()
              .maximumSize(MAX_BUCKETS)
              .expireAfterAccess(Duration.ofNanos(Math.max(refillNanos, 1_000_000_000L)))
              .build(k -> newBucket());
    }

    private Bucket newBucket() {
      return Bucket.builder()
          .addLimit(l -> l.capacity(rate.capacity()).refillGreedy(rate.perPeriod(), rate.period()))
          .build();
    }

    void acquire(String id) {
      if (!rate.enabled()) {
        return;
      }
      ConsumptionProbe probe = buckets.get(id).tryConsumeAndReturnRemaining(1);
      if (!probe.isConsumed()) {
        throw ApiProblem.rateLimited(name, Duration.ofNanos(probe.getNanosToWaitForRefill()));
      }
    }

    void refund(String id) {
      if (rate.enabled()) {
        Bucket bucket = buckets.getIfPresent(id);
        if (bucket != null) {
          bucket.addTokens(1);
        }
      }
    }
  }
}
