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
 *   <li>Hybrid ({@link RankFusion#hybrid}): weighted reciprocal rank fusion, {@code weight / (rrfK
 *       + rank)} summed, of the vector-only ranking and the BM25 ranking; equal scores go to the
 *       better cosine. With no keyword match at all the hybrid ranking is the vector-only one.
 * </ul>
 *
 * <p>The defaults make the vector ranking the anchor and let BM25 reorder rows the vector ranking
 * puts close together, never lift a row it puts far down: a row ranked first by BM25 overtakes the
 * vector ranking's top row (which BM25 did not match) only if the vector ranking places it above
 * {@code (rrfK + 1) / (1 - keywordWeight / vectorWeight) - rrfK} (7th with the defaults). With
 * RRF's customary k = 60 and equal weights there is no such limit, so a query whose words happen to
 * match an unrelated FAQ question pulls that row over the right one. Chosen on a development half
 * of the covid-jhu queries subject to hybrid hit@5 never falling below vector-only or BM25-only on
 * the development halves of the Chinese and English sample-KB query sets (see the knowledge
 * README).
 *
 * @param rrfK RRF damping constant; default 5: smaller makes the first ranks count more than later
 *     ones
 * @param vectorWeight RRF weight of the vector ranking; default 1
 * @param keywordWeight RRF weight of the BM25 ranking; default 0.5
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
    return new HybridConfig(5, 1.0, 0.5, 50);
  }

  public HybridConfig withRrfK(int k) {
    return new HybridConfig(k, vectorWeight, keywordWeight, candidates);
  }

  public HybridConfig withWeights(double vector, double keyword) {
    return new HybridConfig(rrfK, vector, keyword, candidates);
  }
}
