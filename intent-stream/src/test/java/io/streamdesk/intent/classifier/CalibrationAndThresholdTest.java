package io.streamdesk.intent.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationAndThresholdTest {

  @Test
  void shouldRaiseTheTemperatureOfOverconfidentLogits() {
    // Given logits that always put 99.9% on the top class, which is right only 60% of the time
    Random random = new Random(5);
    int n = 2000;
    double[][] logits = new double[n][];
    int[] labels = new int[n];
    int top = 0;
    for (int i = 0; i < n; i++) {
      logits[i] = new double[] {7, 0, 0};
      labels[i] = random.nextDouble() < 0.6 ? 0 : 1 + random.nextInt(2);
      top += labels[i] == 0 ? 1 : 0;
    }

    // When calibrated
    double t = TemperatureScaling.fit(logits, labels);

    // Then the calibrated top probability matches the observed accuracy
    assertThat(t).isGreaterThan(1);
    assertThat(SoftmaxRegression.softmax(logits[0], t)[0])
        .isCloseTo(top / (double) n, within(0.005));
    assertThat(TemperatureScaling.nll(logits, labels, t))
        .isLessThan(TemperatureScaling.nll(logits, labels, 1));
  }

  @Test
  void shouldLowerTheTemperatureOfUnderconfidentLogits() {
    double[][] logits = new double[100][];
    int[] labels = new int[100];
    for (int i = 0; i < 100; i++) {
      logits[i] = new double[] {0.5, 0};
      labels[i] = i < 98 ? 0 : 1;
    }

    assertThat(TemperatureScaling.fit(logits, labels)).isLessThan(1);
  }

  @Test
  void shouldPickTheThresholdThatCatchesOutOfScopeWithinTheFalseRejectBudget() {
    // Given in-scope examples scored 0.5..1.0 and out-of-scope ones scored 0.1..0.45
    List<ThresholdSelector.Held> held = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      held.add(new ThresholdSelector.Held(0.5 + i * 0.005, false, true, false));
    }
    for (int i = 0; i < 20; i++) {
      held.add(new ThresholdSelector.Held(0.1 + i * 0.0175, false, false, true));
    }

    // When selecting with a 5% false-reject budget
    ThresholdSelector.Choice choice =
        ThresholdSelector.select(held.toArray(ThresholdSelector.Held[]::new), 0.05);

    // Then every out-of-scope example is rejected and no in-scope one
    assertThat(choice.outOfScopeRecall()).isEqualTo(1.0);
    assertThat(choice.falseRejectRate()).isZero();
    assertThat(choice.threshold()).isBetween(0.4325, 0.5);
  }

  @Test
  void shouldSpendTheBudgetOnTheLeastConfidentWhenThereIsNoOutOfScopeData() {
    // Given 100 in-scope examples scored 0.01..1.00
    ThresholdSelector.Held[] held = new ThresholdSelector.Held[100];
    for (int i = 0; i < 100; i++) {
      held[i] = new ThresholdSelector.Held((i + 1) / 100.0, false, true, false);
    }

    // When selecting with a 5% budget
    ThresholdSelector.Choice choice = ThresholdSelector.select(held, 0.05);

    // Then the five least confident are rejected, and no more
    assertThat(choice.falseRejectRate()).isCloseTo(0.05, within(1e-9));
    assertThat(choice.threshold()).isGreaterThan(0.05).isLessThanOrEqualTo(0.06);
    assertThat(Double.isNaN(choice.outOfScopeRecall())).isTrue();
  }

  @Test
  void shouldKeepThresholdZeroWhenTheOutOfScopeClassAloneUsesUpTheBudget() {
    // Given 10% of in-scope examples ranked out of scope by the model itself
    ThresholdSelector.Held[] held = new ThresholdSelector.Held[100];
    for (int i = 0; i < 100; i++) {
      held[i] = new ThresholdSelector.Held(0.5 + i / 400.0, i < 10, true, false);
    }

    ThresholdSelector.Choice choice = ThresholdSelector.select(held, 0.05);

    assertThat(choice.threshold()).isZero();
    assertThat(choice.falseRejectRate()).isEqualTo(0.1);
  }

  @Test
  void shouldNeverExceedTheBudgetEvenWhenOutOfScopeHidesAmongInScope() {
    // Given out-of-scope scores overlapping the in-scope ones
    Random random = new Random(9);
    ThresholdSelector.Held[] held = new ThresholdSelector.Held[600];
    for (int i = 0; i < held.length; i++) {
      boolean oos = i % 6 == 0;
      double score = oos ? random.nextDouble() * 0.8 : 0.3 + random.nextDouble() * 0.7;
      held[i] = new ThresholdSelector.Held(score, false, !oos && random.nextDouble() < 0.9, oos);
    }

    ThresholdSelector.Choice choice = ThresholdSelector.select(held, 0.05);

    assertThat(choice.falseRejectRate()).isLessThanOrEqualTo(0.05);
    assertThat(choice.outOfScopeRecall()).isGreaterThan(0);
  }
}
