package io.streamdesk.stack.replay;

import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * How alike two reply texts are, from 0 (nothing in common) to 1 (identical): one minus the
 * Levenshtein edit distance over the longer length, on characters, so it reads Chinese (no word
 * boundaries) and English alike. Surrounding whitespace is ignored.
 */
final class TextSimilarity {

  private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

  private TextSimilarity() {}

  static double of(String a, String b) {
    String x = a == null ? "" : a.strip();
    String y = b == null ? "" : b.strip();
    int longest = Math.max(x.length(), y.length());
    if (longest == 0) {
      return 1.0;
    }
    return 1.0 - DISTANCE.apply(x, y) / (double) longest;
  }
}
