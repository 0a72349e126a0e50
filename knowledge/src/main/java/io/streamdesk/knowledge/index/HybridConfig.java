package io.streamdesk.knowledge.index;

/**
 * How the indexes rank, the same for every backend.
 *
 * <ul>
 *   <li>Vector-only: a chunk scores the best cosine of its vectors (an FAQ row has two: its
 *       question alone, and question + answer), so a paraphrase of the question and a query about
 *       the answer's content both find the row, and passages and FAQ rows compete on one scale.
 *   <li>Keyword-only: BM25 over each chunk's keyword text, which for an FAQ row is its question
 *       alone (long answers are full of incidental words that drown the few words a customer shares
 *       with the question) and for a passage its title and text.
 *   <li>Hybrid: weighted reciprocal rank fusion, {@code weight / (rrfK + rank)} summed, of two
 *       complementary views: dense similarity to the whole unit (question + answer, or passage) and
 *       BM25 on the keyword text. Ranks, unlike raw scores, are comparable between cosine and BM25.
 * </ul>
 *
 * @param rrfK RRF damping constant; default 60 (Cormack et al., 2009): larger flattens the
 *     advantage of the first ranks
 * @param vectorWeight RRF weight of the dense ranking; default 1
 * @param keywordWeight RRF weight of the BM25 ranking; default 1
 * @param candidates how deep each ranking is read before fusion (at least topK); default 50
 */
public record HybridConfig(int rrfK, double vectorWeight, double keywordWeight, int candidates) {

  public HybridConfig {
    if (rrfK < 1) {
      throw new IllegalArgumentException("rrfK must be >= 1, was " + rrfK);
    }
    if (vectorWeight < 0 || keywordWeight < 0 || vectorWeight + keywordWeight == 0) {
      throw new IllegalArgumentException(
          "RRF weights must be >= 0 and not both 0, were " + vectorWeight + ", " + keywordWeight);
    }
    if (candidates < 1 || candidates > SearchRequest.MAX_TOP_K) {
      throw new IllegalArgumentException(
          "candidates must be in [1, " + SearchRequest.MAX_TOP_K + "], was " + candidates);
    }
  }

  public static HybridConfig defaults() {
    return new HybridConfig(60, 1.0, 1.0, 50);
  }

  public HybridConfig withRrfK(int k) {
    return new HybridConfig(k, vectorWeight, keywordWeight, candidates);
  }

  public HybridConfig withWeights(double vector, double keyword) {
    return new HybridConfig(rrfK, vector, keyword, candidates);
  }
}
