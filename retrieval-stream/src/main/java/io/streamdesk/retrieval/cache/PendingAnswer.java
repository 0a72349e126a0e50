package io.streamdesk.retrieval.cache;

import java.util.List;
import java.util.Objects;

/**
 * A question sent to generation whose reply may be cached once it arrives (internal state-store
 * value keyed by messageId, JSON).
 *
 * @param cacheKey the question's cache key
 * @param kbVersion KB version searched
 * @param faqPassageIds the FAQ rows among the passages sent: only a reply citing one is cached
 * @param createdAt wall-clock time (epoch ms), for the purge of replies that never came
 */
public record PendingAnswer(
    String cacheKey, long kbVersion, List<String> faqPassageIds, long createdAt) {

  public PendingAnswer {
    Objects.requireNonNull(cacheKey, "cacheKey");
    faqPassageIds = faqPassageIds == null ? List.of() : List.copyOf(faqPassageIds);
  }
}
