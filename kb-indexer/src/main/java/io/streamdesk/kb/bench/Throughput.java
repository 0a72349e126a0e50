package io.streamdesk.kb.bench;

import java.util.Arrays;
import java.util.List;

/** Texts per second of embedding calls, one text per call or a fixed batch per call. */
final class Throughput {

  @FunctionalInterface
  interface BatchCall {
    void embed(List<String> texts) throws Exception;
  }

  private Throughput() {}

  /** Embeds every text in slices of {@code batch} (1 = one at a time); returns texts/s. */
  static double measure(BatchCall call, List<String> texts, int batch) throws Exception {
    return measurePaired(call, null, texts, batch)[0];
  }

  /**
   * Times two implementations slice by slice, alternating which runs first, so that both see the
   * same machine load (a shared CPU otherwise skews a comparison of whole passes).
   *
   * @param second may be null: only {@code first} is timed
   * @return texts/s of {@code first} and of {@code second} (0 if null)
   */
  static double[] measurePaired(BatchCall first, BatchCall second, List<String> texts, int batch)
      throws Exception {
    long[] nanos = new long[2];
    int slice = 0;
    for (int from = 0; from < texts.size(); from += batch, slice++) {
      List<String> part = texts.subList(from, Math.min(texts.size(), from + batch));
      boolean firstGoesFirst = second == null || slice % 2 == 0;
      if (firstGoesFirst) {
        nanos[0] += time(first, part);
      }
      if (second != null) {
        nanos[1] += time(second, part);
      }
      if (!firstGoesFirst) {
        nanos[0] += time(first, part);
      }
    }
    return new double[] {
      texts.size() / (nanos[0] / 1e9), second == null ? 0 : texts.size() / (nanos[1] / 1e9)
    };
  }

  private static long time(BatchCall call, List<String> part) throws Exception {
    long start = System.nanoTime();
    call.embed(part);
    return System.nanoTime() - start;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
