package io.streamdesk.kb.eval;

/**
 * Single-relevant-item ranking metrics, each averaged over queries: hit@k (the relevant item is in
 * the top k), mrr@10 (1/rank if rank <= 10, else 0) and ndcg@10 (with one relevant item the ideal
 * DCG is 1, so it is 1/log2(rank + 1) if rank <= 10, else 0).
 */
public final class RankingMetrics {

  private int queries;
  private int hit1;
  private int hit5;
  private int hit10;
  private double reciprocalRank;
  private double ndcg;

  /**
   * Records one query's outcome.
   *
   * @param rank 1-based rank of the relevant item, or 0 if it was not returned
   */
  public void add(int rank) {
    if (rank < 0) {
      throw new IllegalArgumentException("rank must be >= 0 (0 = not found), was " + rank);
    }
    queries++;
    if (rank == 0) {
      return;
    }
    if (rank <= 1) {
      hit1++;
    }
    if (rank <= 5) {
      hit5++;
    }
    if (rank <= 10) {
      hit10++;
      reciprocalRank += 1.0 / rank;
      ndcg += 1.0 / (Math.log(rank + 1) / Math.log(2));
    }
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
