package io.streamdesk.intent.classifier;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits a {@link SoftmaxRegression} by minimising the L2-regularised cross-entropy ({@link
 * SoftmaxObjective}) with {@link Lbfgs}. The objective is strictly convex, so the result does not
 * depend on the start; a warm start (the solution for a neighbouring penalty) only saves
 * iterations.
 *
 * @param optimizer the L-BFGS settings
 */
public record SoftmaxRegressionTrainer(Lbfgs optimizer) {

  private static final Logger log = LoggerFactory.getLogger(SoftmaxRegressionTrainer.class);

  public SoftmaxRegressionTrainer {
    Objects.requireNonNull(optimizer, "optimizer");
  }

  /** 10 curvature pairs, up to 300 iterations, tolerances tight enough for stable probabilities. */
  public static SoftmaxRegressionTrainer defaults() {
    return new SoftmaxRegressionTrainer(new Lbfgs(10, 300, 1e-5, 1e-9));
  }

  /**
   * Fits the model.
   *
   * @param x {@code y.length * dimension} inputs, row-major
   * @param y class index of each example, in {@code [0, classes)}
   * @param sampleWeights per-example weights, or {@code null} for equal weights
   * @param l2 penalty on the weights (not the biases), {@code >= 0}
   * @param warmStart a model of the same shape to start from, or {@code null} to start at zero
   */
  public SoftmaxRegression fit(
      float[] x,
      int[] y,
      double[] sampleWeights,
      int dimension,
      int classes,
      double l2,
      SoftmaxRegression warmStart) {
    if (!(l2 >= 0) || Double.isInfinite(l2)) {
      throw new IllegalArgumentException("l2 must be a finite number >= 0, was " + l2);
    }
    SoftmaxObjective objective = new SoftmaxObjective(x, y, sampleWeights, dimension, classes, l2);
    double[] start =
        warmStart != null && warmStart.classes() == classes && warmStart.dimension() == dimension
            ? warmStart.parameters()
            : new double[objective.parameterCount()];
    long t0 = System.nanoTime();
    Lbfgs.Result result = optimizer.minimize(objective, start);
    log.debug(
        "softmax regression: {} examples, {} classes, l2 {}: loss {} after {} iterations"
            + " (converged: {}) in {} ms",
        y.length,
        classes,
        l2,
        result.value(),
        result.iterations(),
        result.converged(),
        (System.nanoTime() - t0) / 1_000_000);
    return SoftmaxRegression.fromParameters(classes, dimension, result.x());
  }
}
