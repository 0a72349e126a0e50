package io.streamdesk.knowledge.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weighted reciprocal rank fusion: an item's score is the sum over rankings of {@code weight / (k +
 * rank)}, rank 1-based; an item missing from a ranking gets nothing from it. Ties keep the order of
 * first appearance (the first ranking's order). {@link #hybrid} is the hybrid search rule every
 * index backend applies, so that they rank alike.
 */
public final class RankFusion {

  private RankFusion() {}

  /** A fused item and its score. */
  public record Fused<T>(T item, double score) {}

  /** An item of the vector ranking and its similarity (the best cosine of its vectors). */
  public record Scored<T>(T item, double score) {}

  /**
   * The hybrid ranking ({@link HybridConfig}): weighted RRF of the vector-only ranking and the
   * keyword ranking; equal fused scores (frequent with integer ranks) go to the better cosine, and
   * an item only the keyword ranking found comes after equal-scored items with a cosine.
   *
   * @param vector the vector-only ranking, best first, each with its best cosine
   * @param keyword the BM25 ranking, best first (empty when no query term matched)
   */
  public static <T> List<Fused<T>> hybrid(
      List<Scored<T>> vector, List<T> keyword, HybridConfig config) {
    Map<T, Double> cosine = new HashMap<>();
    List<T> vectorOrder = new ArrayList<>(vector.size());
    for (Scored<T> s : vector) {
      cosine.put(s.item(), s.score());
      vectorOrder.add(s.item());
    }
    List<Fused<T>> fused =
        new ArrayList<>(
            fuse(
                List.of(vectorOrder, keyword),
                new double[] {config.vectorWeight(), config.keywordWeight()},
                config.rrfK()));
    fused.sort(
        Comparator.comparingDouble((Fused<T> f) -> f.score())
            .thenComparingDouble(f -> cosine.getOrDefault(f.item(), -2.0))
            .reversed());
    return fused;
  }

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
