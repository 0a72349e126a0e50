package io.streamdesk.ingest.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The last hour of the pipeline as the operations page shows it; served as JSON by {@code GET
 * /admin/api/summary}. Rates are null when their denominator is zero.
 *
 * @param generatedAt when this summary was computed
 * @param window the hour covered and since when this instance has data
 * @param totals counts over the hour
 * @param perMinute one entry per minute, oldest first, empty minutes included
 * @param intents intents of the replies, most frequent first
 * @param languages languages of the replies, most frequent first
 * @param actions replies by action (every action listed, zeros included)
 * @param handoffRate handoffs per inbound message
 * @param handoffReasons handoffs by reason (every reason listed)
 * @param latencyMs end-to-end latency (ReplyGenerated receivedAt to generatedAt) and per stage
 *     (ReplyGenerated.timings), in milliseconds
 * @param answerCache answers served from the answer cache
 * @param kb the knowledge-base version of the latest reply that named one, or null
 * @param dlq dead letters written in the hour, by stage and kind
 * @param deliveries dispatcher outcomes on cs.deliveries
 */
public record OpsSummary(
    Instant generatedAt,
    Window window,
    Totals totals,
    List<Minute> perMinute,
    List<Count> intents,
    List<Count> languages,
    Map<String, Long> actions,
    Double handoffRate,
    Map<String, Long> handoffReasons,
    Latencies latencyMs,
    AnswerCache answerCache,
    KbVersion kb,
    DeadLetters dlq,
    Deliveries deliveries) {

  /**
   * @param from start of the oldest minute
   * @param to now
   * @param bucketSeconds length of one bucket
   * @param dataSince since when this instance has seen the topics (start-up minus the feeds'
   *     lookback); minutes before it are empty because they were not read, not because nothing
   *     happened
   */
  public record Window(Instant from, Instant to, int bucketSeconds, Instant dataSince) {}

  public record Totals(long inbound, long replies, long handoffs, long dlq) {}

  public record Minute(Instant start, long inbound, long replies, long handoffs, long dlq) {}

  public record Count(String key, long count) {}

  /** p50/p95/max are null when nothing was measured. */
  public record Latency(long count, Long p50, Long p95, Long max) {}

  public record Latencies(Latency endToEnd, Map<String, Latency> stages) {}

  /**
   * @param answers ANSWER replies
   * @param cached of them, served from the answer cache
   * @param hitRate cached per answer
   */
  public record AnswerCache(long answers, long cached, Double hitRate) {}

  public record KbVersion(long version, Instant seenAt) {}

  public record DeadLetters(long total, List<Count> byStage) {}

  /**
   * @param delivered ReplyDelivered records
   * @param failed DeliveryFailed records
   * @param failedByChannel failures by channel, most frequent first
   */
  public record Deliveries(long delivered, long failed, List<Count> failedByChannel) {}
}
