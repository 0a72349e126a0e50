package io.streamdesk.intent.classifier;

import java.util.Arrays;

/**
 * A trained multinomial logistic (softmax) regression: {@code logits = W x + b}, one row of {@code
 * W} per class. Immutable and thread-safe.
 *
 * <p>The weights are stored feature-major ({@code weights[f * classes + c]}) because both training
 * passes and scoring then run contiguous loops over the classes, which the JIT vectorises.
 */
public final class SoftmaxRegression {

  private final int classes;
  private final int dimension;
  private final double[] weights;
  private final double[] bias;

  /**
   * @param weights {@code dimension * classes} values, feature-major
   * @param bias {@code classes} values
   */
  public SoftmaxRegression(int classes, int dimension, double[] weights, double[] bias) {
    if (classes < 2) {
      throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
    }
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be >= 1, was " + dimension);
    }
    if (weights.length != classes * dimension || bias.length != classes) {
      throw new IllegalArgumentException(
          "expected "
              + dimension
              + " x "
              + classes
              + " weights and "
              + classes
              + " biases, got "
              + weights.length
              + " and "
              + bias.length);
    }
    for (double w : weights) {
      if (!Double.isFinite(w)) {
        throw new IllegalArgumentException("weights must be finite");
      }
    }
    this.classes = classes;
    this.dimension = dimension;
    this.weights = weights.clone();
    this.bias = bias.clone();
  }

  /** Builds the model from the packed parameter vector the trainer optimises. */
  static SoftmaxRegression fromParameters(int classes, int dimension, double[] parameters) {
    int w = classes * dimension;
    return new SoftmaxRegression(
        classes,
        dimension,
        Arrays.copyOfRange(parameters, 0, w),
        Arrays.copyOfRange(parameters, w, w + classes));
  }

  /** The packed parameter vector (weights then biases), for warm starts. */
  double[] parameters() {
    double[] p = Arrays.copyOf(weights, weights.length + classes);
    System.arraycopy(bias, 0, p, weights.length, classes);
    return p;
  }

  public int classes() {
    return classes;
  }

  public int dimension() {
    return dimension;
  }

  /** A copy of the feature-major weights. */
  public double[] weights() {
    return weights.clone();
  }

  /** A copy of the biases. */
  public double[] bias() {
    return bias.clone();
  }

  /** The unnormalised class scores of one input. */
  public double[] logits(double[] x) {
    if (x.length != dimension) {
      throw new IllegalArgumentException(
          "input has dimension " + x.length + ", model expects " + dimension);
    }
    double[] out = bias.clone();
    for (int f = 0; f < dimension; f++) {
      double v = x[f];
      if (v == 0) {
        continue;
      }
      int row = f * classes;
      for (int c = 0; c < classes; c++) {
        out[c] += v * weights[row + c];
      }
    }
    return out;
  }

  /** Softmax of {@code logits / temperature}, computed stably. */
  public static double[] softmax(double[] logits, double temperature) {
    double max = Double.NEGATIVE_INFINITY;
    for (double l : logits) {
      max = Math.max(max, l);
    }
    double[] p = new double[logits.length];
    double sum = 0;
    for (int c = 0; c < logits.length; c++) {
      p[c] = Math.exp((logits[c] - max) / temperature);
      sum += p[c];
    }
    for (int c = 0; c < p.length; c++) {
      p[c] /= sum;
    }
    return p;
  }
}
