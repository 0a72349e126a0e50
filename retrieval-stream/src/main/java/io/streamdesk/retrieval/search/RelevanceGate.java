package io.streamdesk.retrieval.search;

import java.util.Objects;

/**
 * "No answer from nothing": a search answers the question only when a retrieved passage is close
 * enough to it. Fused RRF scores are rank-based (every query has a first hit), so the gate looks at
 * the evidence instead: the best cosine of the returned passages against the language's threshold,
 * or, for a keyword-only search, the best BM25 score.
 */
public final class RelevanceGate {

  private final RelevanceThresholds thresholds;

  public RelevanceGate(RelevanceThresholds thresholds) {
    this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
  }

  public RelevanceThresholds thresholds() {
    return thresholds;
  }

  /** Whether the retrieval holds a passage relevant enough to answer from. */
  public boolean passes(Retrieval retrieval, String language) {
    if (retrieval.passages().isEmpty()) {
      return false;
    }
    if (retrieval.keywordOnly()) {
      double bm25 = retrieval.bestBm25();
      return !Double.isNaN(bm25) && bm25 >= thresholds.minBm25(language);
    }
    double cosine = retrieval.bestCosine();
    return !Double.isNaN(cosine) && cosine >= thresholds.minCosine(language);
  }
}
