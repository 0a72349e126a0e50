package io.streamdesk.ingest.admin;

import io.streamdesk.schemas.events.DeliveryFailed;
import io.streamdesk.schemas.events.HandoffReason;
import io.streamdesk.schemas.events.HandoffRequested;
import io.streamdesk.schemas.events.ProcessingFailed;
import io.streamdesk.schemas.events.ReplyAction;
import io.streamdesk.schemas.events.ReplyDelivered;
import io.streamdesk.schemas.events.ReplyGenerated;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.HdrHistogram.IntCountsHistogram;

/**
 * A rolling one-hour window of what went through the pipeline, in one-minute buckets on a ring of
 * {@value #BUCKETS}: each event lands in the minute of its own timestamp (receivedAt, generatedAt,
 * requestedAt, failedAt, deliveredAt), so the feeds' read-back after a restart refills the same
 * minutes. Events older than the window are ignored; events stamped in the future (clock skew)
 * count in the current minute. Memory is bounded: {@value #BUCKETS} buckets, each with tallies of
 * at most {@value MinuteBucket#MAX_KEYS} keys and histograms of two significant digits.
 *
 * <p>Fed by the connector's topic feeds (every partition of cs.messages.inbound, cs.replies,
 * cs.handoffs, cs.dlq and cs.deliveries), so every replica sees the whole pipeline. Thread-safe.
 */
public final class OpsWindow {

  /** Length of one bucket. */
  public static final Duration BUCKET = Duration.ofMinutes(1);

  /** Buckets in the window: one hour. */
  public static final int BUCKETS = 60;

  private static final long BUCKET_SECONDS = BUCKET.toSeconds();

  /** The keys of ReplyGenerated.timings in the order a message goes through them. */
  static final List<String> PIPELINE_ORDER =
      List.of("intent", "retrieval", "queue", "first_token", "generation", "worker");

  private final Clock clock;
  private final Instant dataSince;
  private final MinuteBucket[] ring = new MinuteBucket[BUCKETS];
  private long latestKbVersion = -1;
  private Instant latestKbAt;

  /**
   * @param clock the window's "now"
   * @param dataSince since when the feeds read the topics (start-up minus their lookback)
   */
  public OpsWindow(Clock clock, Instant dataSince) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.dataSince = Objects.requireNonNull(dataSince, "dataSince");
  }

  /** A customer message on cs.messages.inbound. */
  public synchronized void onInbound(Instant receivedAt) {
    MinuteBucket b = bucketFor(receivedAt);
    if (b != null) {
      b.inbound++;
    }
  }

  /** A reply on cs.replies: action, intent, language, cache, latencies, KB version. */
  public synchronized void onReply(ReplyGenerated reply) {
    Instant generatedAt = reply.getGeneratedAt();
    if (reply.getKbVersion() != null && (latestKbAt == null || !generatedAt.isBefore(latestKbAt))) {
      latestKbVersion = reply.getKbVersion();
      latestKbAt = generatedAt;
    }
    MinuteBucket b = bucketFor(generatedAt);
    if (b == null) {
      return;
    }
    b.replies++;
    b.actions[reply.getAction().ordinal()]++;
    if (reply.getCached() && reply.getAction() == ReplyAction.ANSWER) {
      b.cachedAnswers++;
    }
    MinuteBucket.tally(b.intents, reply.getIntent());
    MinuteBucket.tally(b.languages, reply.getLanguage());
    MinuteBucket.record(
        b.endToEnd, Duration.between(reply.getReceivedAt(), generatedAt).toMillis());
    reply.getTimings().forEach((stage, millis) -> b.stageLatency(stage, millis));
  }

  /** A HandoffRequested on cs.handoffs. */
  public synchronized void onHandoff(HandoffRequested handoff) {
    MinuteBucket b = bucketFor(handoff.getRequestedAt());
    if (b != null) {
      b.handoffs++;
      b.handoffReasons[handoff.getReason().ordinal()]++;
    }
  }

  /** A ProcessingFailed on cs.dlq. */
  public synchronized void onDeadLetter(ProcessingFailed failure) {
    MinuteBucket b = bucketFor(failure.getFailedAt());
    if (b != null) {
      b.deadLetters++;
      MinuteBucket.tally(b.deadLettersByStage, failure.getStage() + "/" + failure.getKind());
    }
  }

  /** A ReplyDelivered on cs.deliveries. */
  public synchronized void onDelivered(ReplyDelivered delivered) {
    MinuteBucket b = bucketFor(delivered.getDeliveredAt());
    if (b != null) {
      b.delivered++;
    }
  }

  /** A DeliveryFailed on cs.deliveries. */
  public synchronized void onDeliveryFailed(DeliveryFailed failed) {
    MinuteBucket b = bucketFor(failed.getFailedAt());
    if (b != null) {
      b.deliveryFailures++;
      MinuteBucket.tally(b.failuresByChannel, failed.getChannel());
    }
  }

  /** The last hour, now. */
  public synchronized OpsSummary summary() {
    Instant now = clock.instant();
    long current = minuteOf(now);
    long first = current - BUCKETS + 1;
    List<MinuteBucket> live = new ArrayList<>(BUCKETS);
    List<OpsSummary.Minute> perMinute = new ArrayList<>(BUCKETS);
    for (long minute = first; minute <= current; minute++) {
      MinuteBucket b = ring[slot(minute)];
      Instant start = Instant.ofEpochSecond(minute * BUCKET_SECONDS);
      if (b != null && b.minute == minute) {
        live.add(b);
        perMinute.add(
            new OpsSummary.Minute(start, b.inbound, b.replies, b.handoffs, b.deadLetters));
      } else {
        perMinute.add(new OpsSummary.Minute(start, 0, 0, 0, 0));
      }
    }
    long inbound = sum(live, b -> b.inbound);
    long replies = sum(live, b -> b.replies);
    long handoffs = sum(live, b -> b.handoffs);
    long deadLetters = sum(live, b -> b.deadLetters);
    long answers = sum(live, b -> b.actions[ReplyAction.ANSWER.ordinal()]);
    long cached = sum(live, b -> b.cachedAnswers);
    return new OpsSummary(
        now,
        new OpsSummary.Window(
            Instant.ofEpochSecond(first * BUCKET_SECONDS), now, (int) BUCKET_SECONDS, dataSince),
        new OpsSummary.Totals(inbound, replies, handoffs, deadLetters),
        perMinute,
        merged(live, b -> b.intents),
        merged(live, b -> b.languages),
        byName(ReplyAction.values(), live, (b, i) -> b.actions[i]),
        ratio(handoffs, inbound),
        byName(HandoffReason.values(), live, (b, i) -> b.handoffReasons[i]),
        latencies(live),
        new OpsSummary.AnswerCache(answers, cached, ratio(cached, answers)),
        latestKbAt == null ? null : new OpsSummary.KbVersion(latestKbVersion, latestKbAt),
        new OpsSummary.DeadLetters(deadLetters, merged(live, b -> b.deadLettersByStage)),
        new OpsSummary.Deliveries(
            sum(live, b -> b.delivered),
            sum(live, b -> b.deliveryFailures),
            merged(live, b -> b.failuresByChannel)));
  }

  /** The bucket of an event time, or null when it is older than the window. */
  private MinuteBucket bucketFor(Instant at) {
    long current = minuteOf(clock.instant());
    long minute = Math.min(minuteOf(at), current);
    if (minute <= current - BUCKETS) {
      return null;
    }
    int slot = slot(minute);
    MinuteBucket b = ring[slot];
    if (b == null) {
      b = new MinuteBucket(minute);
      ring[slot] = b;
    } else if (b.minute != minute) {
      // The slot holds a minute an hour or more older (two minutes of the window never share a
      // slot): it has left the window.
      b.reset(minute);
    }
    return b;
  }

  private static long minuteOf(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), BUCKET_SECONDS);
  }

  private static int slot(long minute) {
    return (int) Math.floorMod(minute, (long) BUCKETS);
  }

  private static long sum(List<MinuteBucket> buckets, ToLongFunction<MinuteBucket> f) {
    return buckets.stream().mapToLong(f).sum();
  }

  private static Double ratio(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }

  private static List<OpsSummary.Count> merged(
      List<MinuteBucket> buckets, Function<MinuteBucket, Map<String, Long>> tally) {
    Map<String, Long> total = new HashMap<>();
    buckets.forEach(b -> tally.apply(b).forEach((k, v) -> total.merge(k, v, Long::sum)));
    return total.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
        .map(e -> new OpsSummary.Count(e.getKey(), e.getValue()))
        .toList();
  }

  private interface Slot {
    long get(MinuteBucket bucket, int ordinal);
  }

  private static Map<String, Long> byName(Enum<?>[] values, List<MinuteBucket> buckets, Slot slot) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Enum<?> value : values) {
      out.put(value.name(), buckets.stream().mapToLong(b -> slot.get(b, value.ordinal())).sum());
    }
    return out;
  }

  private static OpsSummary.Latencies latencies(List<MinuteBucket> buckets) {
    IntCountsHistogram endToEnd = MinuteBucket.newHistogram();
    Map<String, IntCountsHistogram> stages = new HashMap<>();
    for (MinuteBucket b : buckets) {
      endToEnd.add(b.endToEnd);
      b.stages.forEach(
          (stage, h) -> {
            if (h.getTotalCount() > 0) {
              stages.computeIfAbsent(stage, s -> MinuteBucket.newHistogram()).add(h);
            }
          });
    }
    Map<String, OpsSummary.Latency> byStage = new LinkedHashMap<>();
    stages.keySet().stream()
        .sorted(Comparator.comparingInt(OpsWindow::pipelineOrder).thenComparing(s -> s))
        .forEach(stage -> byStage.put(stage, latency(stages.get(stage))));
    return new OpsSummary.Latencies(latency(endToEnd), byStage);
  }

  /** Stages in the order a message meets them; unknown ones after, alphabetically. */
  private static int pipelineOrder(String stage) {
    int i = PIPELINE_ORDER.indexOf(stage);
    return i < 0 ? PIPELINE_ORDER.size() : i;
  }

  private static OpsSummary.Latency latency(IntCountsHistogram h) {
    long count = h.getTotalCount();
    if (count == 0) {
      return new OpsSummary.Latency(0, null, null, null);
    }
    return new OpsSummary.Latency(
        count, h.getValueAtPercentile(50), h.getValueAtPercentile(95), h.getMaxValue());
  }
}
