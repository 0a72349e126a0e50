package io.streamdesk.dispatcher;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.streamdesk.runtime.metrics.PipelineMetrics;
import io.streamdesk.schemas.events.DeliveryKind;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The dispatcher's meters (Prometheus names in brackets):
 *
 * <ul>
 *   <li>{@code streamdesk.dispatcher.deliveries{kind,channel,outcome}}
 *       [streamdesk_dispatcher_deliveries_total]: outcome delivered, failed or skipped;
 *   <li>{@code streamdesk.dispatcher.attempts{kind,channel,result}}: every HTTP attempt, result
 *       2xx, 3xx, 4xx, 429, 5xx, timeout, connect_error or io_error;
 *   <li>{@code streamdesk.dispatcher.delivery.latency{kind,channel}}: first attempt to outcome
 *       (histogram, so percentiles aggregate over instances);
 *   <li>{@code streamdesk.dispatcher.request.duration{kind,channel}}: one HTTP exchange;
 *   <li>{@code streamdesk.dispatcher.request.queued}: wait for a free request slot before it;
 *   <li>{@code streamdesk.dispatcher.dedup.hits{kind}}: records not delivered because the ledger
 *       holds their delivery id;
 *   <li>{@code streamdesk.dispatcher.dead.letters{reason}}: records sent to cs.dlq (reason
 *       delivery_failed, no_webhook or unreadable);
 *   <li>gauges {@code streamdesk.dispatcher.pending.records}, {@code .lanes.active}, {@code
 *       .ledger.ids}.
 * </ul>
 *
 * Outcomes and their latency are also counted in the pipeline's shared meters ({@link
 * PipelineMetrics}, stage {@value #STAGE}: outcome delivered, failed, skipped or duplicate).
 *
 * <p>The channel tag takes the configured channel names plus at most {@link #MAX_OTHER_CHANNELS}
 * others, then "other", so a stray channel value cannot grow the tag set without bound.
 */
final class DispatcherMetrics {

  static final int MAX_OTHER_CHANNELS = 20;
  static final String PREFIX = "streamdesk.dispatcher.";

  /** The dispatcher's stage in {@code streamdesk.stage.messages} and {@code .latency}. */
  static final String STAGE = "delivery";

  private final MeterRegistry registry;
  private final PipelineMetrics pipeline;
  private final Set<String> knownChannels;
  private final Set<String> otherChannels = ConcurrentHashMap.newKeySet();

  DispatcherMetrics(MeterRegistry registry, Set<String> configuredChannels) {
    this.registry = registry;
    this.pipeline = new PipelineMetrics(registry, ReplyDispatcher.NAME);
    this.knownChannels = Set.copyOf(configuredChannels);
  }

  void delivered(DeliveryKind kind, String channel, Duration latency) {
    outcome(kind, channel, "delivered");
    latencyTimer(kind, channel).record(latency);
    pipeline.latency(STAGE, latency);
  }

  void failed(DeliveryKind kind, String channel, Duration latency) {
    outcome(kind, channel, "failed");
    latencyTimer(kind, channel).record(latency);
    pipeline.latency(STAGE, latency);
  }

  void skipped(DeliveryKind kind, String channel) {
    outcome(kind, channel, "skipped");
  }

  void attempt(
      DeliveryKind kind, String channel, String result, Duration queued, Duration duration) {
    Counter.builder(PREFIX + "attempts")
        .description("Webhook attempts by result")
        .tag("kind", tag(kind))
        .tag("channel", channelTag(channel))
        .tag("result", result)
        .register(registry)
        .increment();
    Timer.builder(PREFIX + "request.duration")
        .description("Duration of one webhook attempt")
        .tag("kind", tag(kind))
        .tag("channel", channelTag(channel))
        .register(registry)
        .record(duration);
    Timer.builder(PREFIX + "request.queued")
        .description("Wait for a free request slot (dispatcher.max-concurrent-requests)")
        .register(registry)
        .record(queued);
  }

  void dedupHit(DeliveryKind kind) {
    Counter.builder(PREFIX + "dedup.hits")
        .description("Records not delivered because their delivery id was already delivered")
        .tag("kind", tag(kind))
        .register(registry)
        .increment();
    pipeline.message(STAGE, "duplicate");
  }

  void deadLetter(String reason) {
    Counter.builder(PREFIX + "dead.letters")
        .description("Records the dispatcher sent to the dead-letter topic")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  void gauges(Supplier<Number> pending, Supplier<Number> lanes, Supplier<Number> ledgerIds) {
    Gauge.builder(PREFIX + "pending.records", pending)
        .description("Consumed records whose outcome is not recorded yet")
        .register(registry);
    Gauge.builder(PREFIX + "lanes.active", lanes)
        .description("Conversations with a delivery running or queued")
        .register(registry);
    Gauge.builder(PREFIX + "ledger.ids", ledgerIds)
        .description("Delivered ids remembered for deduplication")
        .register(registry);
  }

  private void outcome(DeliveryKind kind, String channel, String outcome) {
    Counter.builder(PREFIX + "deliveries")
        .description("Delivery outcomes")
        .tag("kind", tag(kind))
        .tag("channel", channelTag(channel))
        .tag("outcome", outcome)
        .register(registry)
        .increment();
    pipeline.message(STAGE, outcome);
  }

  private Timer latencyTimer(DeliveryKind kind, String channel) {
    return Timer.builder(PREFIX + "delivery.latency")
        .description("From the first attempt to the recorded outcome")
        .tag("kind", tag(kind))
        .tag("channel", channelTag(channel))
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofMinutes(10))
        .register(registry);
  }

  String channelTag(String channel) {
    String canonical = channel == null ? "none" : EndpointParser.canonicalChannel(channel);
    if (knownChannels.contains(canonical) || otherChannels.contains(canonical)) {
      return canonical;
    }
    if (canonical.length() <= 40
        && canonical.matches("[a-z0-9-]+")
        && otherChannels.size() < MAX_OTHER_CHANNELS
        && otherChannels.add(canonical)) {
      return canonical;
    }
    return "other";
  }

  private static String tag(DeliveryKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }
}
