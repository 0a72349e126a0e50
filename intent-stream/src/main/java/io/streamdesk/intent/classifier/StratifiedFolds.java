package io.streamdesk.intent.classifier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded stratified k-fold assignment: the examples of each class are shuffled and dealt
 * round-robin to the folds (continuing where the previous class stopped), so every fold gets each
 * class in proportion and fold sizes differ by at most one. The same labels and seed give the same
 * folds.
 */
public final class StratifiedFolds {

  private StratifiedFolds() {}

  /**
   * @param labels class index per example
   * @param folds number of folds, {@code >= 2}
   * @return the fold of each example
   */
  public static int[] assign(int[] labels, int folds, long seed) {
    if (folds < 2) {
      throw new IllegalArgumentException("need at least 2 folds, got " + folds);
    }
    int classes = Arrays.stream(labels).max().orElse(-1) + 1;
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      byClass.add(new ArrayList<>());
    }
    for (int i = 0; i < labels.length; i++) {
      byClass.get(labels[i]).add(i);
    }
    Random random = new Random(seed);
    int[] fold = new int[labels.length];
    int next = 0;
    for (List<Integer> members : byClass) {
      java.util.Collections.shuffle(members, random);
      for (int i : members) {
        fold[i] = next;
        next = (next + 1) % folds;
      }
    }
    return fold;
  }
}
