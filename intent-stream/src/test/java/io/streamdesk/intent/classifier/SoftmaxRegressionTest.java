package io.streamdesk.intent.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SoftmaxRegressionTest {

  @Test
  void shouldMatchFiniteDifferencesInItsGradient() {
    // Given a small random problem with uneven sample weights and a penalty
    Random random = new Random(3);
    int n = 20;
    int d = 5;
    int k = 4;
    float[] x = new float[n * d];
    int[] y = new int[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i * d + j] = (float) random.nextGaussian();
      }
      y[i] = random.nextInt(k);
      w[i] = 0.5 + random.nextDouble();
    }
    SoftmaxObjective objective = new SoftmaxObjective(x, y, w, d, k, 0.1);
    double[] params = new double[objective.parameterCount()];
    for (int i = 0; i < params.length; i++) {
      params[i] = 0.3 * random.nextGaussian();
    }

    // When the analytic gradient is compared with central differences
    double[] gradient = new double[params.length];
    objective.evaluate(params, gradient);
    double h = 1e-3;
    for (int i = 0; i < params.length; i++) {
      double[] plus = params.clone();
      double[] minus = params.clone();
      plus[i] += h;
      minus[i] -= h;
      double[] ignored = new double[params.length];
      double numeric =
          (objective.evaluate(plus, ignored) - objective.evaluate(minus, ignored)) / (2 * h);

      // Then they agree (single-precision inner loops bound the agreement)
      assertThat(gradient[i]).as("parameter %d", i).isCloseTo(numeric, within(2e-4));
    }
  }

  @Test
  void shouldSeparateSeparableClassesPerfectly() {
    // Given well separated clusters
    SyntheticIntents data = SyntheticIntents.generate(30, 0, 0.1, 1);
    float[] x = flatten(data);
    int[] y = labels(data);

    // When a lightly penalised model is fitted
    SoftmaxRegression model =
        SoftmaxRegressionTrainer.defaults()
            .fit(x, y, null, SyntheticIntents.DIMENSION, 4, 1e-4, null);

    // Then it classifies every training example correctly
    for (int i = 0; i < y.length; i++) {
      assertThat(argmax(model.logits(row(x, i)))).isEqualTo(y[i]);
    }
  }

  @Test
  void shouldTrainBitForBitReproducibly() {
    // Given the same overlapping data twice
    SyntheticIntents data = SyntheticIntents.generate(40, 0, 0.4, 2);
    float[] x = flatten(data);
    int[] y = labels(data);

    // When fitted twice
    SoftmaxRegressionTrainer trainer = SoftmaxRegressionTrainer.defaults();
    SoftmaxRegression a = trainer.fit(x, y, null, SyntheticIntents.DIMENSION, 4, 1e-2, null);
    SoftmaxRegression b = trainer.fit(x, y, null, SyntheticIntents.DIMENSION, 4, 1e-2, null);

    // Then the weights are identical
    assertThat(a.weights()).containsExactly(b.weights());
    assertThat(a.bias()).containsExactly(b.bias());
  }

  @Test
  void shouldComputeAStableSoftmax() {
    double[] p = SoftmaxRegression.softmax(new double[] {1000, 1000, 0}, 1);

    assertThat(p[0]).isCloseTo(0.5, within(1e-12));
    assertThat(p[2]).isCloseTo(0, within(1e-12));
    assertThat(SoftmaxRegression.softmax(new double[] {2, 0}, 2)[0])
        .isCloseTo(Math.exp(1) / (Math.exp(1) + 1), within(1e-12));
  }

  static float[] flatten(SyntheticIntents data) {
    int d = SyntheticIntents.DIMENSION;
    float[] x = new float[data.vectors.size() * d];
    for (int i = 0; i < data.vectors.size(); i++) {
      System.arraycopy(data.vectors.get(i), 0, x, i * d, d);
    }
    return x;
  }

  static int[] labels(SyntheticIntents data) {
    return data.examples.stream()
        .mapToInt(e -> SyntheticIntents.INTENTS.indexOf(e.label()))
        .toArray();
  }

  static double[] row(float[] x, int i) {
    int d = SyntheticIntents.DIMENSION;
    double[] out = new double[d];
    for (int j = 0; j < d; j++) {
      out[j] = x[i * d + j];
    }
    return out;
  }

  static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }
}
