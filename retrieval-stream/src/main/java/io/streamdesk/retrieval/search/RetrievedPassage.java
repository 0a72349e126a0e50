package io.streamdesk.retrieval.search;

import io.streamdesk.knowledge.index.Chunk;
import java.util.Objects;

/**
 * A fused search hit with the evidence behind it, so that relevance can be judged on real scores
 * rather than on rank-based fusion scores.
 *
 * @param score fused (reciprocal-rank) score; higher is better
 * @param cosine best cosine similarity of the chunk's vectors to the query, NaN when the chunk was
 *     not in the vector ranking (or the search was keyword-only)
 * @param bm25 BM25 score of the chunk's keyword text, NaN when it matched no query term
 * @param kbVersion KB version the chunk was indexed at
 */
public record RetrievedPassage(
    Chunk chunk, double score, double cosine, double bm25, long kbVersion) {

  public RetrievedPassage {
    Objects.requireNonNull(chunk, "chunk");
  }
}
