package io.streamdesk.kb.eval;

/**
 * Ranking metrics with binary relevance, each averaged over queries: hit@k (a relevant item is in
 * the top k), mrr@10 (1 / the rank of the first relevant item if it is at most 10, else 0) and
 * ndcg@10 (the DCG of the top ten, gain 1 / log2(rank + 1) per relevant item, over the DCG of the
 * ideal ranking, which puts all of the query's relevant items first).
 *
 * <p>With one relevant item the ideal DCG is 1, so ndcg@10 is 1 / log2(rank + 1). With several, a
 * ranking that puts them all first scores 1, whatever their order.
 */
public final class RankingMetrics {

  private static final int CUTOFF = 10;

  private int queries;
  private int hit1;
  private int hit5;
  private int hit10;
  private double reciprocalRank;
  private double ndcg;

  /**
   * Records the outcome of a query with one relevant item.
   *
   * @param rank 1-based rank of the relevant item, or 0 if it was not returned
   */
  public void add(int rank) {
    if (rank < 0) {
      throw new IllegalArgumentException("rank must be >= 0 (0 = not found), was " + rank);
    }
    boolean[] relevantByRank = new boolean[rank];
    if (rank > 0) {
      relevantByRank[rank - 1] = true;
    }
    add(relevantByRank, 1);
  }

  /**
   * Records one query's ranking.
   *
   * @param relevantByRank for each returned item, best first, whether it is relevant
   * @param relevantCount how many items are relevant to the query, returned or not (at least 1, and
   *     at least the number marked in {@code relevantByRank})
   */
  public void add(boolean[] relevantByRank, int relevantCount) {
    int marked = 0;
    for (boolean relevant : relevantByRank) {
      marked += relevant ? 1 : 0;
    }
    if (relevantCount < 1 || marked > relevantCount) {
      throw new IllegalArgumentException(
          "relevantCount must be >= 1 and >= the " + marked + " relevant items returned");
    }
    queries++;
    int firstRelevant = 0;
    double dcg = 0;
    for (int r = 1; r <= relevantByRank.length; r++) {
      if (relevantByRank[r - 1]) {
        firstRelevant = firstRelevant == 0 ? r : firstRelevant;
        dcg += r <= CUTOFF ? gain(r) : 0;
      }
    }
    if (firstRelevant == 0) {
      return;
    }
    hit1 += firstRelevant <= 1 ? 1 : 0;
    hit5 += firstRelevant <= 5 ? 1 : 0;
    if (firstRelevant <= CUTOFF) {
      hit10++;
      reciprocalRank += 1.0 / firstRelevant;
    }
    double idealDcg = 0;
    for (int r = 1; r <= Math.min(relevantCount, CUTOFF); r++) {
      idealDcg += gain(r);
    }
    ndcg += dcg / idealDcg;
  }

  private static double gain(int rank) {
    return 1.0 / (Math.log(rank + 1) / Math.log(2));
  }

  public Summary summary() {
    if (queries == 0) {
      return new Summary(0, 0, 0, 0, 0);
    }
    double n = queries;
    return new Summary(hit1 / n, hit5 / n, hit10 / n, reciprocalRank / n, ndcg / n);
  }

  /** Averages over all recorded queries, each in [0, 1]. */
  public record Summary(double hit1, double hit5, double hit10, double mrr10, double ndcg10) {}
}
