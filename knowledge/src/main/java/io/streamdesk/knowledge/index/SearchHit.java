package io.streamdesk.knowledge.index;

/**
 * One ranked chunk.
 *
 * @param score higher is better; its scale depends on the mode: cosine similarity (VECTOR), BM25
 *     (KEYWORD) or fused reciprocal-rank score (HYBRID)
 * @param kbVersion the KB version at which this chunk was indexed
 * @param cosine the chunk's best cosine with the query vector, NaN when the vector ranking did not
 *     return it (or did not run); a HYBRID hit carries it so that callers can judge relevance,
 *     which the rank-based fused score cannot tell
 * @param bm25 the chunk's BM25 score, NaN when the keyword ranking did not return it (or did not
 *     run)
 */
public record SearchHit(Chunk chunk, double score, long kbVersion, double cosine, double bm25) {

  /** A hit without component scores. */
  public SearchHit(Chunk chunk, double score, long kbVersion) {
    this(chunk, score, kbVersion, Double.NaN, Double.NaN);
  }
}
