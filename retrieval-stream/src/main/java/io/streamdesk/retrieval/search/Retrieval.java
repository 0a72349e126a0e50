package io.streamdesk.retrieval.search;

import java.util.List;

/**
 * The outcome of one knowledge-base search: passages best first, the KB version searched, and
 * whether only keywords could be used (no usable query vector).
 *
 * @param kbVersion the newest KB version of the snapshots searched
 * @param nanos time spent in the index
 */
public record Retrieval(
    List<RetrievedPassage> passages, long kbVersion, boolean keywordOnly, long nanos) {

  public Retrieval {
    passages = List.copyOf(passages);
  }

  /** The best cosine among the passages, NaN when none was ranked by vector. */
  public double bestCosine() {
    return passages.stream()
        .mapToDouble(RetrievedPassage::cosine)
        .filter(c -> !Double.isNaN(c))
        .max()
        .orElse(Double.NaN);
  }

  /** The best BM25 score among the passages, NaN when no passage matched a query term. */
  public double bestBm25() {
    return passages.stream()
        .mapToDouble(RetrievedPassage::bm25)
        .filter(c -> !Double.isNaN(c))
        .max()
        .orElse(Double.NaN);
  }
}
