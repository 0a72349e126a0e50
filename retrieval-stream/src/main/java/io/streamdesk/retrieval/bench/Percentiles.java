package io.streamdesk.retrieval.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of nanosecond samples, in milliseconds. */
final class Percentiles {

  private Percentiles() {}

  static double ms(long[] nanos, double percentile) {
    if (nanos.length == 0) {
      return Double.NaN;
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int i = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }
}
