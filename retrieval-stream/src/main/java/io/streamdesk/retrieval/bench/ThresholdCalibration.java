package io.streamdesk.retrieval.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Picks a relevance threshold from scores of answerable (positive) and unanswerable (negative)
 * questions: the threshold that maximises recall of positives minus acceptance of negatives
 * (Youden's J), the lowest such one on ties, so that no answerable question is refused for a margin
 * the data does not ask for.
 */
public final class ThresholdCalibration {

  /**
   * @param threshold the chosen threshold
   * @param recall share of positives at or above it
   * @param falseAccept share of negatives at or above it
   */
  public record Choice(double threshold, double recall, double falseAccept) {}

  private ThresholdCalibration() {}

  /** Chooses among the observed scores (NaN scores count as below every threshold). */
  public static Choice choose(List<Double> positives, List<Double> negatives) {
    List<Double> candidates = new ArrayList<>();
    positives.stream().filter(d -> !d.isNaN()).forEach(candidates::add);
    negatives.stream().filter(d -> !d.isNaN()).map(d -> Math.nextUp(d)).forEach(candidates::add);
    candidates.sort(Double::compare);
    Choice best = null;
    double bestJ = Double.NEGATIVE_INFINITY;
    for (double t : candidates) {
      Choice c = at(t, positives, negatives);
      double j = c.recall() - c.falseAccept();
      if (j > bestJ + 1e-12) {
        bestJ = j;
        best = c;
      }
    }
    return best == null ? new Choice(Double.NaN, 0, 0) : best;
  }

  /** Recall and false acceptance at a given threshold. */
  public static Choice at(double threshold, List<Double> positives, List<Double> negatives) {
    return new Choice(threshold, share(positives, threshold), share(negatives, threshold));
  }

  private static double share(List<Double> scores, double threshold) {
    if (scores.isEmpty()) {
      return 0;
    }
    long above = scores.stream().filter(s -> !s.isNaN() && s >= threshold).count();
    return (double) above / scores.size();
  }
}
