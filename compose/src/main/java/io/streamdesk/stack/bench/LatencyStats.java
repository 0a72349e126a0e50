package io.streamdesk.stack.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * A latency distribution in an HdrHistogram (microsecond resolution, 3 significant digits, up to an
 * hour), reported in milliseconds. Thread-safe.
 */
public final class LatencyStats {

  private final Histogram histogram = new Histogram(TimeUnit.HOURS.toMicros(1), 3);

  public synchronized void recordNanos(long nanos) {
    histogram.recordValue(Math.max(0, Math.min(TimeUnit.NANOSECONDS.toMicros(nanos), max())));
  }

  public synchronized void recordMillis(long millis) {
    histogram.recordValue(Math.max(0, Math.min(TimeUnit.MILLISECONDS.toMicros(millis), max())));
  }

  public synchronized long count() {
    return histogram.getTotalCount();
  }

  public synchronized double percentileMillis(double percentile) {
    return round(histogram.getValueAtPercentile(percentile) / 1000.0);
  }

  /** {@code p50}, {@code p95}, {@code p99}, {@code max}, {@code mean} in ms, and {@code count}. */
  public synchronized ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    if (histogram.getTotalCount() == 0) {
      node.put("count", 0);
      return node;
    }
    node.put("p50", percentileMillis(50));
    node.put("p95", percentileMillis(95));
    node.put("p99", percentileMillis(99));
    node.put("max", round(histogram.getMaxValue() / 1000.0));
    node.put("mean", round(histogram.getMean() / 1000.0));
    node.put("count", histogram.getTotalCount());
    return node;
  }

  private long max() {
    return histogram.getHighestTrackableValue();
  }

  private static double round(double millis) {
    return Math.round(millis * 10) / 10.0;
  }
}
