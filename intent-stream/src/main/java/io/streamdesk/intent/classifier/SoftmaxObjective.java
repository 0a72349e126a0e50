package io.streamdesk.intent.classifier;

import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The training objective of {@link SoftmaxRegression}: mean weighted cross-entropy plus {@code (l2
 * / 2) * ||W||^2} (biases are not penalised), with its exact gradient.
 *
 * <p>Work is split into fixed chunks of examples that run in parallel; chunk results are added in
 * chunk order, so the value and gradient do not depend on thread scheduling (training is
 * reproducible bit for bit).
 */
final class SoftmaxObjective implements DifferentiableFunction {

  private static final int CHUNK = 512;
  private static final int BLOCK = 16;

  private final float[] x;
  private final int[] y;
  private final double[] sampleWeights;
  private final int n;
  private final int dimension;
  private final int classes;
  private final double l2;
  private final double weightSum;

  /**
   * @param x {@code n * dimension} inputs, row-major (single precision: the hot loops then use
   *     twice as many SIMD lanes; sums across chunks and the optimiser stay in double precision)
   * @param y class index per example
   * @param sampleWeights weight per example, or {@code null} for 1
   */
  SoftmaxObjective(
      float[] x, int[] y, double[] sampleWeights, int dimension, int classes, double l2) {
    this.x = Objects.requireNonNull(x, "x");
    this.y = Objects.requireNonNull(y, "y");
    this.n = y.length;
    this.dimension = dimension;
    this.classes = classes;
    this.l2 = l2;
    if (x.length != n * dimension) {
      throw new IllegalArgumentException("x has " + x.length + " values, expected n * dimension");
    }
    if (sampleWeights != null && sampleWeights.length != n) {
      throw new IllegalArgumentException("one sample weight per example expected");
    }
    this.sampleWeights = sampleWeights;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      if (y[i] < 0 || y[i] >= classes) {
        throw new IllegalArgumentException("class index " + y[i] + " outside [0, " + classes + ")");
      }
      sum += weight(i);
    }
    this.weightSum = sum;
  }

  int parameterCount() {
    return dimension * classes + classes;
  }

  private double weight(int i) {
    return sampleWeights == null ? 1 : sampleWeights[i];
  }

  @Override
  public double evaluate(double[] params, double[] gradient) {
    int chunks = (n + CHUNK - 1) / CHUNK;
    float[] p = new float[params.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) params[i];
    }
    float[][] grads = new float[chunks][];
    double[] losses = new double[chunks];
    IntStream.range(0, chunks)
        .parallel()
        .forEach(
            ch -> {
              float[] g = new float[parameterCount()];
              losses[ch] = chunk(p, ch * CHUNK, Math.min(n, (ch + 1) * CHUNK), g);
              grads[ch] = g;
            });
    java.util.Arrays.fill(gradient, 0);
    double loss = 0;
    for (int ch = 0; ch < chunks; ch++) {
      loss += losses[ch];
      float[] g = grads[ch];
      for (int i = 0; i < g.length; i++) {
        gradient[i] += g[i];
      }
    }
    double scale = 1 / weightSum;
    loss *= scale;
    for (int i = 0; i < gradient.length; i++) {
      gradient[i] *= scale;
    }
    int w = dimension * classes;
    double penalty = 0;
    for (int i = 0; i < w; i++) {
      penalty += params[i] * params[i];
      gradient[i] += l2 * params[i];
    }
    return loss + 0.5 * l2 * penalty;
  }

  /**
   * Unscaled weighted loss of examples [from, to) with its gradient added into {@code g}.
   *
   * <p>Examples are processed in blocks of {@link #BLOCK} so that each row of the weights (and of
   * the gradient) is loaded once per block while the block's scores stay in the L1 cache; the inner
   * loops run over the classes and are vectorised by the JIT.
   */
  private double chunk(float[] params, int from, int to, float[] g) {
    int w = dimension * classes;
    float[] scores = new float[BLOCK * classes];
    double loss = 0;
    for (int start = from; start < to; start += BLOCK) {
      int rows = Math.min(BLOCK, to - start);
      for (int r = 0; r < rows; r++) {
        System.arraycopy(params, w, scores, r * classes, classes);
      }
      for (int f = 0; f < dimension; f++) {
        int off = f * classes;
        for (int r = 0; r < rows; r++) {
          float v = x[(start + r) * dimension + f];
          int so = r * classes;
          for (int c = 0; c < classes; c++) {
            scores[so + c] += v * params[off + c];
          }
        }
      }
      for (int r = 0; r < rows; r++) {
        loss += toResidual(scores, r * classes, start + r);
      }
      for (int f = 0; f < dimension; f++) {
        int off = f * classes;
        for (int r = 0; r < rows; r++) {
          float v = x[(start + r) * dimension + f];
          int so = r * classes;
          for (int c = 0; c < classes; c++) {
            g[off + c] += v * scores[so + c];
          }
        }
      }
      for (int r = 0; r < rows; r++) {
        int so = r * classes;
        for (int c = 0; c < classes; c++) {
          g[w + c] += scores[so + c];
        }
      }
    }
    return loss;
  }

  /**
   * Replaces example {@code i}'s scores (at {@code offset}) by its weighted residual {@code w_i *
   * (p - onehot(y_i))}, the factor of its gradient, and returns its weighted loss.
   */
  private double toResidual(float[] scores, int offset, int i) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < classes; c++) {
      max = Math.max(max, scores[offset + c]);
    }
    double trueLogit = scores[offset + y[i]] - max;
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      double e = Math.exp(scores[offset + c] - max);
      scores[offset + c] = (float) e;
      sum += e;
    }
    double wi = weight(i);
    double scale = wi / sum;
    for (int c = 0; c < classes; c++) {
      scores[offset + c] = (float) (scores[offset + c] * scale);
    }
    scores[offset + y[i]] -= (float) wi;
    return wi * (Math.log(sum) - trueLogit);
  }
}
