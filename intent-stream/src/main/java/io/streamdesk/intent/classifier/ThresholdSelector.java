package io.streamdesk.intent.classifier;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Picks the out-of-scope threshold on held-back predictions (out-of-fold, so no example is scored
 * by a model that saw it).
 *
 * <p>A message is rejected when its out-of-scope score exceeds its best in-scope score or when the
 * best in-scope score is below the threshold. The selector sweeps every candidate threshold and
 * maximises {@code in-scope accuracy + out-of-scope recall} (a rejected in-scope message counts as
 * wrong) subject to {@code in-scope false rejects <= maxFalseRejectRate}. Without out-of-scope
 * examples there is no recall to gain, so it takes the highest threshold within the false-reject
 * budget: the budget is spent on the least confident in-scope predictions.
 */
public final class ThresholdSelector {

  private ThresholdSelector() {}

  /**
   * One held-back prediction.
   *
   * @param score the best in-scope score (compared with the threshold)
   * @param rejectedAnyway whether the rule rejects it whatever the threshold (out-of-scope class
   *     ranked first)
   * @param correct whether the best in-scope intent equals the true label
   * @param outOfScope whether the true label is out of scope
   */
  public record Held(double score, boolean rejectedAnyway, boolean correct, boolean outOfScope) {}

  /**
   * The outcome at the chosen threshold, on the held-back predictions.
   *
   * @param threshold reject when the score is below this
   * @param accuracyInScope share of in-scope examples accepted with the right intent
   * @param falseRejectRate share of in-scope examples rejected
   * @param outOfScopeRecall share of out-of-scope examples rejected, NaN without any
   */
  public record Choice(
      double threshold, double accuracyInScope, double falseRejectRate, double outOfScopeRecall) {}

  public static Choice select(Held[] held, double maxFalseRejectRate) {
    if (!(maxFalseRejectRate >= 0 && maxFalseRejectRate <= 1)) {
      throw new IllegalArgumentException(
          "maxFalseRejectRate must be in [0, 1], was " + maxFalseRejectRate);
    }
    int inScope = 0;
    int oos = 0;
    // Counts at threshold 0 (only the unconditional rejections apply).
    int correctAccepted = 0;
    int inScopeRejected = 0;
    int oosRejected = 0;
    for (Held h : held) {
      if (h.outOfScope()) {
        oos++;
        oosRejected += h.rejectedAnyway() ? 1 : 0;
      } else {
        inScope++;
        if (h.rejectedAnyway()) {
          inScopeRejected++;
        } else if (h.correct()) {
          correctAccepted++;
        }
      }
    }
    if (inScope == 0) {
      throw new IllegalArgumentException("threshold selection needs in-scope examples");
    }
    Held[] sorted = held.clone();
    Arrays.sort(sorted, Comparator.comparingDouble(Held::score));
    Choice best = null;
    double bestObjective = Double.NEGATIVE_INFINITY;
    double threshold = 0;
    int i = 0;
    // False rejects only grow with the threshold: sweep upwards until the budget is exceeded.
    while ((double) inScopeRejected / inScope <= maxFalseRejectRate) {
      double acc = (double) correctAccepted / inScope;
      double recall = oos == 0 ? Double.NaN : (double) oosRejected / oos;
      double objective = oos == 0 ? threshold : acc + recall;
      if (best == null || objective > bestObjective) {
        bestObjective = objective;
        best = new Choice(threshold, acc, (double) inScopeRejected / inScope, recall);
      }
      if (i >= sorted.length) {
        break;
      }
      // Raise the threshold just past the next score: every example with that score is rejected.
      double next = sorted[i].score();
      while (i < sorted.length && sorted[i].score() <= next) {
        Held h = sorted[i++];
        if (!h.rejectedAnyway()) {
          if (h.outOfScope()) {
            oosRejected++;
          } else {
            inScopeRejected++;
            correctAccepted -= h.correct() ? 1 : 0;
          }
        }
      }
      threshold = Math.nextUp(next);
    }
    if (best == null) {
      // Even threshold 0 exceeds the budget (the out-of-scope class wins too often): reject only
      // what the out-of-scope class claims.
      return new Choice(
          0,
          (double) correctAccepted / inScope,
          (double) inScopeRejected / inScope,
          oos == 0 ? Double.NaN : (double) oosRejected / oos);
    }
    return best;
  }
}
