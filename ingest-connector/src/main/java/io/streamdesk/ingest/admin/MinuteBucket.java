package io.streamdesk.ingest.admin;

import io.streamdesk.schemas.events.HandoffReason;
import io.streamdesk.schemas.events.ReplyAction;
import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.IntCountsHistogram;

/**
 * What happened in one minute: counts, small bounded tallies and latency histograms. Not
 * thread-safe: the {@link OpsWindow} guards it. Reused when its ring slot comes round again, so a
 * slot's histograms are allocated once.
 */
final class MinuteBucket {

  /** Latencies are kept in whole milliseconds up to this; longer ones count as this. */
  static final long MAX_LATENCY_MS = 600_000;

  /** Two significant digits: about 1 % error, a few kB per histogram. */
  static final int SIGNIFICANT_DIGITS = 2;

  /** Most distinct keys per tally in one minute; further ones are tallied as "other". */
  static final int MAX_KEYS = 100;

  static final String OTHER = "other";

  long minute;
  long inbound;
  long replies;
  long handoffs;
  long cachedAnswers;
  long deadLetters;
  long delivered;
  long deliveryFailures;
  final long[] actions = new long[ReplyAction.values().length];
  final long[] handoffReasons = new long[HandoffReason.values().length];
  final Map<String, Long> intents = new HashMap<>();
  final Map<String, Long> languages = new HashMap<>();
  final Map<String, Long> deadLettersByStage = new HashMap<>();
  final Map<String, Long> failuresByChannel = new HashMap<>();
  final IntCountsHistogram endToEnd = newHistogram();
  final Map<String, IntCountsHistogram> stages = new HashMap<>();

  MinuteBucket(long minute) {
    this.minute = minute;
  }

  /** Empties the bucket for another minute, keeping its allocations. */
  void reset(long newMinute) {
    minute = newMinute;
    inbound = replies = handoffs = cachedAnswers = deadLetters = delivered = deliveryFailures = 0;
    java.util.Arrays.fill(actions, 0);
    java.util.Arrays.fill(handoffReasons, 0);
    intents.clear();
    languages.clear();
    deadLettersByStage.clear();
    failuresByChannel.clear();
    endToEnd.reset();
    stages.values().forEach(IntCountsHistogram::reset);
  }

  void stageLatency(String stage, long millis) {
    IntCountsHistogram histogram = stages.get(stage);
    if (histogram == null) {
      if (stages.size() >= MAX_KEYS) {
        return; // a flood of made-up stage names must not allocate without bound
      }
      histogram = newHistogram();
      stages.put(stage, histogram);
    }
    record(histogram, millis);
  }

  static void record(IntCountsHistogram histogram, long millis) {
    histogram.recordValue(Math.clamp(millis, 0, MAX_LATENCY_MS));
  }

  static void tally(Map<String, Long> tally, String key) {
    String k = key == null || key.isBlank() ? "none" : key;
    if (!tally.containsKey(k) && tally.size() >= MAX_KEYS) {
      k = OTHER;
    }
    tally.merge(k, 1L, Long::sum);
  }

  static IntCountsHistogram newHistogram() {
    return new IntCountsHistogram(MAX_LATENCY_MS, SIGNIFICANT_DIGITS);
  }
}
