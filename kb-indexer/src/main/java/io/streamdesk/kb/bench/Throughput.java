package io.streamdesk.kb.bench;

import java.util.Arrays;
import java.util.List;

/** Texts per second of an embedding call, one text per call or a fixed batch per call. */
final class Throughput {

  @FunctionalInterface
  interface BatchCall {
    void embed(List<String> texts) throws Exception;
  }

  private Throughput() {}

  /** Embeds every text in slices of {@code batch} (1 = one at a time); returns texts/s. */
  static double measure(BatchCall call, List<String> texts, int batch) throws Exception {
    long start = System.nanoTime();
    for (int from = 0; from < texts.size(); from += batch) {
      call.embed(texts.subList(from, Math.min(texts.size(), from + batch)));
    }
    return texts.size() / ((System.nanoTime() - start) / 1e9);
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
