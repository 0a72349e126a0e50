package io.streamdesk.knowledge.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weighted reciprocal rank fusion: an item's score is the sum over rankings of {@code weight / (k +
 * rank)}, rank 1-based; an item missing from a ranking gets nothing from it. Ties keep the order of
 * first appearance (the first ranking's order).
 */
public final class RankFusion {

  private RankFusion() {}

  /** A fused item and its score. */
  public record Fused<T>(T item, double score) {}

  /**
   * @param rankings each a list of distinct items, best first
   * @param weights one per ranking
   */
  public static <T> List<Fused<T>> fuse(List<List<T>> rankings, double[] weights, int k) {
    if (rankings.size() != weights.length) {
      throw new IllegalArgumentException(
          rankings.size() + " rankings but " + weights.length + " weights");
    }
    Map<T, Double> scores = new LinkedHashMap<>();
    for (int r = 0; r < rankings.size(); r++) {
      List<T> ranking = rankings.get(r);
      for (int i = 0; i < ranking.size(); i++) {
        scores.merge(ranking.get(i), weights[r] / (k + i + 1), Double::sum);
      }
    }
    List<Fused<T>> fused = new ArrayList<>(scores.size());
    scores.forEach((item, score) -> fused.add(new Fused<>(item, score)));
    // List.sort is stable: equal scores keep first-appearance order.
    fused.sort(Comparator.comparingDouble((Fused<T> f) -> f.score()).reversed());
    return fused;
  }
}
