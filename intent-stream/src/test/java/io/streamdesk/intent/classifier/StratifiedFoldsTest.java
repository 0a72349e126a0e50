package io.streamdesk.intent.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StratifiedFoldsTest {

  @Test
  void shouldSpreadEveryClassEvenlyAndReproducibly() {
    // Given 3 classes of 10, 10 and 5 examples
    int[] labels = new int[25];
    for (int i = 0; i < 25; i++) {
      labels[i] = i < 10 ? 0 : i < 20 ? 1 : 2;
    }

    // When assigned to 5 folds
    int[] folds = StratifiedFolds.assign(labels, 5, 42);

    // Then each fold holds 2 + 2 + 1 examples, and the same seed repeats the assignment
    for (int f = 0; f < 5; f++) {
      int[] perClass = new int[3];
      for (int i = 0; i < 25; i++) {
        if (folds[i] == f) {
          perClass[labels[i]]++;
        }
      }
      assertThat(perClass).containsExactly(2, 2, 1);
    }
    assertThat(StratifiedFolds.assign(labels, 5, 42)).containsExactly(folds);
    assertThat(StratifiedFolds.assign(labels, 5, 43)).isNotEqualTo(folds);
  }
}
