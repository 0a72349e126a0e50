package io.streamdesk.retrieval.cache;

import java.util.List;
import java.util.Objects;

/**
 * A generated answer kept for the same question asked again (internal state-store value, JSON).
 *
 * @param text the reply text
 * @param citations what it cited
 * @param model the generator that wrote it
 * @param promptVersion the prompt template version, or null
 * @param kbVersion the KB version it was answered from (part of the cache key too)
 * @param cachedAt wall-clock time it was cached (epoch ms), for the TTL
 */
public record CachedAnswer(
    String text,
    List<CachedCitation> citations,
    String model,
    String promptVersion,
    long kbVersion,
    long cachedAt) {

  public CachedAnswer {
    Objects.requireNonNull(text, "text");
    citations = citations == null ? List.of() : List.copyOf(citations);
    model = model == null ? "" : model;
  }

  /** A citation as stored (mirrors the Avro Citation). */
  public record CachedCitation(
      String passageId, String documentId, String title, String source, Long kbVersion) {}
}
