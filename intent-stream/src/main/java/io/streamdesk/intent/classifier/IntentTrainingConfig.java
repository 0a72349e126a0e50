package io.streamdesk.intent.classifier;

import java.util.List;
import java.util.Objects;

/**
 * How an intent model is trained.
 *
 * @param folds cross-validation folds used to choose {@code l2}, calibrate the temperature and pick
 *     the threshold on out-of-fold predictions; default 5, at least 2
 * @param seed seed of the stratified fold assignment; default 42
 * @param l2Grid candidate L2 strengths (per mean example loss, on standardised features); default
 *     {@code 1e-2, 3e-3, 1e-3}
 * @param threshold a fixed out-of-scope threshold in [0, 1], or {@code null} (default) to pick it
 *     automatically ({@link ThresholdSelector})
 * @param maxFalseRejectRate the automatic threshold keeps the share of in-scope examples rejected
 *     at or below this on held-back data; default 0.04 (a margin under a 5% target)
 * @param optimizer L-BFGS settings
 */
public record IntentTrainingConfig(
    int folds,
    long seed,
    List<Double> l2Grid,
    Double threshold,
    double maxFalseRejectRate,
    Lbfgs optimizer) {

  public static final double SEED_DESIGN_THRESHOLD = 0.7;

  public IntentTrainingConfig {
    Objects.requireNonNull(optimizer, "optimizer");
    l2Grid = List.copyOf(l2Grid);
    if (folds < 2) {
      throw new IllegalArgumentException("folds must be >= 2, was " + folds);
    }
    if (l2Grid.isEmpty()) {
      throw new IllegalArgumentException("l2Grid needs at least one value");
    }
    for (double l2 : l2Grid) {
      if (!(l2 >= 0) || Double.isInfinite(l2)) {
        throw new IllegalArgumentException("l2 values must be finite and >= 0, got " + l2);
      }
    }
    if (threshold != null && !(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in [0, 1], was " + threshold);
    }
    if (!(maxFalseRejectRate >= 0 && maxFalseRejectRate <= 1)) {
      throw new IllegalArgumentException(
          "maxFalseRejectRate must be in [0, 1], was " + maxFalseRejectRate);
    }
  }

  public static IntentTrainingConfig defaults() {
    return new IntentTrainingConfig(
        5,
        42,
        List.of(1e-2, 3e-3, 1e-3),
        null,
        0.04,
        SoftmaxRegressionTrainer.defaults().optimizer());
  }

  public IntentTrainingConfig withThreshold(Double fixed) {
    return new IntentTrainingConfig(folds, seed, l2Grid, fixed, maxFalseRejectRate, optimizer);
  }

  public IntentTrainingConfig withFolds(int k) {
    return new IntentTrainingConfig(k, seed, l2Grid, threshold, maxFalseRejectRate, optimizer);
  }

  public IntentTrainingConfig withL2Grid(List<Double> grid) {
    return new IntentTrainingConfig(folds, seed, grid, threshold, maxFalseRejectRate, optimizer);
  }

  public IntentTrainingConfig withMaxFalseRejectRate(double rate) {
    return new IntentTrainingConfig(folds, seed, l2Grid, threshold, rate, optimizer);
  }
}
