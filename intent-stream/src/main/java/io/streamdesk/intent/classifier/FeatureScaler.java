package io.streamdesk.intent.classifier;

/**
 * Per-dimension standardisation {@code (x - mean) / scale}, fitted on the training vectors.
 * Sentence embeddings are anisotropic (they share a large common component and each dimension has a
 * different spread); centring and scaling them makes the L2 penalty treat dimensions alike and
 * makes the regression far better conditioned, so L-BFGS needs fewer iterations.
 */
public record FeatureScaler(double[] mean, double[] scale) {

  public FeatureScaler {
    if (mean.length != scale.length || mean.length == 0) {
      throw new IllegalArgumentException("mean and scale need the same, non-zero length");
    }
    for (double s : scale) {
      if (!(s > 0) || Double.isInfinite(s)) {
        throw new IllegalArgumentException("scales must be finite and > 0");
      }
    }
    mean = mean.clone();
    scale = scale.clone();
  }

  /** Fits mean and standard deviation per dimension (a floor keeps constant dimensions finite). */
  public static FeatureScaler fit(float[][] vectors) {
    int d = vectors[0].length;
    double[] mean = new double[d];
    for (float[] v : vectors) {
      for (int j = 0; j < d; j++) {
        mean[j] += v[j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= vectors.length;
    }
    double[] var = new double[d];
    for (float[] v : vectors) {
      for (int j = 0; j < d; j++) {
        double diff = v[j] - mean[j];
        var[j] += diff * diff;
      }
    }
    double[] scale = new double[d];
    for (int j = 0; j < d; j++) {
      scale[j] = Math.max(Math.sqrt(var[j] / vectors.length), 1e-6);
    }
    return new FeatureScaler(mean, scale);
  }

  public int dimension() {
    return mean.length;
  }

  /** The standardised copy of one vector. */
  public double[] apply(float[] v) {
    if (v.length != mean.length) {
      throw new IllegalArgumentException(
          "vector has dimension " + v.length + ", expected " + mean.length);
    }
    double[] out = new double[v.length];
    for (int j = 0; j < v.length; j++) {
      out[j] = (v[j] - mean[j]) / scale[j];
    }
    return out;
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[] scale() {
    return scale.clone();
  }
}
