package io.streamdesk.intent.classifier;

/**
 * Temperature scaling (Guo et al., "On Calibration of Modern Neural Networks", 2017): one scalar
 * {@code T} divides every logit before the softmax, chosen to minimise the negative log-likelihood
 * of held-out examples. It changes confidences, never the ranking of classes.
 */
public final class TemperatureScaling {

  static final double MIN_TEMPERATURE = 0.05;
  static final double MAX_TEMPERATURE = 20;
  private static final double GOLDEN = (Math.sqrt(5) - 1) / 2;

  private TemperatureScaling() {}

  /**
   * The temperature minimising the mean NLL of the held-out {@code logits} and true {@code labels},
   * searched by golden-section on {@code log T} in [0.05, 20] (the NLL is unimodal in {@code log
   * T}).
   */
  public static double fit(double[][] logits, int[] labels) {
    if (logits.length == 0 || logits.length != labels.length) {
      throw new IllegalArgumentException("need one label per row of logits, at least one row");
    }
    double lo = Math.log(MIN_TEMPERATURE);
    double hi = Math.log(MAX_TEMPERATURE);
    double a = hi - GOLDEN * (hi - lo);
    double b = lo + GOLDEN * (hi - lo);
    double fa = nll(logits, labels, Math.exp(a));
    double fb = nll(logits, labels, Math.exp(b));
    while (hi - lo > 1e-5) {
      if (fa < fb) {
        hi = b;
        b = a;
        fb = fa;
        a = hi - GOLDEN * (hi - lo);
        fa = nll(logits, labels, Math.exp(a));
      } else {
        lo = a;
        a = b;
        fa = fb;
        b = lo + GOLDEN * (hi - lo);
        fb = nll(logits, labels, Math.exp(b));
      }
    }
    return Math.exp((lo + hi) / 2);
  }

  /** Mean negative log-likelihood of the true labels at temperature {@code t}. */
  public static double nll(double[][] logits, int[] labels, double t) {
    double sum = 0;
    for (int i = 0; i < logits.length; i++) {
      double[] l = logits[i];
      double max = Double.NEGATIVE_INFINITY;
      for (double v : l) {
        max = Math.max(max, v);
      }
      double z = 0;
      for (double v : l) {
        z += Math.exp((v - max) / t);
      }
      sum += Math.log(z) - (l[labels[i]] - max) / t;
    }
    return sum / logits.length;
  }
}
