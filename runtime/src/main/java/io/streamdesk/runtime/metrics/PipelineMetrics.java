package io.streamdesk.runtime.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.streamdesk.schemas.events.FailureKind;
import io.streamdesk.schemas.events.HandoffReason;
import io.streamdesk.schemas.events.ReplyAction;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * The pipeline meters every service shares, so one dashboard query covers all of them. Every meter
 * carries the tag {@code service} (the service's name); Prometheus names in brackets:
 *
 * <ul>
 *   <li>{@value #STAGE_MESSAGES}{service,stage,outcome} [streamdesk_stage_messages_total]: messages
 *       a stage finished, by how it finished;
 *   <li>{@value #STAGE_LATENCY}{service,stage} [streamdesk_stage_latency_seconds_bucket]: time a
 *       message spent in a stage, with a percentile histogram so Prometheus can compute p50/p95
 *       over every instance; stage names match the keys of ReplyGenerated.timings;
 *   <li>{@value #INTENTS}{service,intent,language} [streamdesk_intents_total]: classified messages;
 *   <li>{@value #REPLIES}{service,action} [streamdesk_replies_total]: replies written to
 *       cs.replies, action ANSWER, CLARIFY, HANDOFF or FALLBACK;
 *   <li>{@value #HANDOFFS}{service,reason} [streamdesk_handoffs_total]: HandoffRequested written;
 *   <li>{@value #ANSWER_CACHE}{service,result} [streamdesk_answer_cache_lookups_total]:
 *       answer-cache lookups, result hit or miss;
 *   <li>{@value #DEAD_LETTERS}{service,stage,kind} [streamdesk_dlq_records_total]: dead letters
 *       written to cs.dlq, kind DESERIALIZATION, PROCESSING, PRODUCTION or BUSINESS.
 * </ul>
 *
 * <p>Kafka clients are bound with {@link KafkaClientMetrics} (Streams apps with KafkaStreamsMetrics
 * by the runner), always with the one extra tag {@value #KAFKA_APPLICATION_TAG}: Micrometer's Kafka
 * binders drop meters of the same name that carry fewer tags, so in one shared registry (the local
 * stack) every binder must carry the same tag keys or one service's lag would hide another's.
 *
 * <p>Tag values that come from data (intent, language, stage) are capped at {@value
 * #MAX_VALUES_PER_TAG} distinct values per tag; later ones are counted as {@code other}.
 */
public final class PipelineMetrics {

  public static final String STAGE_MESSAGES = "streamdesk.stage.messages";
  public static final String STAGE_LATENCY = "streamdesk.stage.latency";
  public static final String INTENTS = "streamdesk.intents";
  public static final String REPLIES = "streamdesk.replies";
  public static final String HANDOFFS = "streamdesk.handoffs";
  public static final String ANSWER_CACHE = "streamdesk.answer.cache.lookups";
  public static final String DEAD_LETTERS = "streamdesk.dlq.records";

  /** The extra tag of every Kafka client binder: the Streams application id or consumer group. */
  public static final String KAFKA_APPLICATION_TAG = "application";

  /** Most distinct values of one data-derived tag before new ones become {@code other}. */
  public static final int MAX_VALUES_PER_TAG = 200;

  static final String OTHER = "other";
  static final String NONE = "none";

  private static final Duration LATENCY_MIN = Duration.ofMillis(1);
  private static final Duration LATENCY_MAX = Duration.ofMinutes(2);

  private final MeterRegistry registry;
  private final String service;
  private final ConcurrentHashMap<String, Set<String>> seenValues = new ConcurrentHashMap<>();

  /**
   * @param registry where the meters live (the ops endpoint's)
   * @param service the service name, value of the {@code service} tag
   */
  public PipelineMetrics(MeterRegistry registry, String service) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.service = Objects.requireNonNull(service, "service");
  }

  public String service() {
    return service;
  }

  /** One message finished {@code stage} with {@code outcome} (e.g. classified, reply, dlq). */
  public void message(String stage, String outcome) {
    Counter.builder(STAGE_MESSAGES)
        .description("Messages a pipeline stage finished, by outcome")
        .tags(Tags.of("service", service, "stage", bounded("stage", stage), "outcome", outcome))
        .register(registry)
        .increment();
  }

  /** Time one message spent in {@code stage}; negative durations count as zero. */
  public void latency(String stage, Duration duration) {
    stageTimer(stage).record(duration.isNegative() ? Duration.ZERO : duration);
  }

  /** Time one message spent in {@code stage}, in nanoseconds. */
  public void latencyNanos(String stage, long nanos) {
    stageTimer(stage).record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
  }

  /** The timer of a stage, for callers that time with {@link Timer.Sample}. */
  public Timer stageTimer(String stage) {
    return Timer.builder(STAGE_LATENCY)
        .description("Time a message spent in a pipeline stage")
        .tags(Tags.of("service", service, "stage", bounded("stage", stage)))
        .publishPercentileHistogram()
        .minimumExpectedValue(LATENCY_MIN)
        .maximumExpectedValue(LATENCY_MAX)
        .register(registry);
  }

  /** A message classified as {@code intent} in {@code language}. */
  public void intent(String intent, String language) {
    Counter.builder(INTENTS)
        .description("Classified messages by intent and language")
        .tags(
            Tags.of(
                "service",
                service,
                "intent",
                bounded("intent", intent),
                "language",
                bounded("language", language)))
        .register(registry)
        .increment();
  }

  /** A reply written to cs.replies. */
  public void reply(ReplyAction action) {
    Counter.builder(REPLIES)
        .description("Replies written to cs.replies by action")
        .tags(Tags.of("service", service, "action", action.name()))
        .register(registry)
        .increment();
  }

  /** A HandoffRequested written to cs.handoffs. */
  public void handoff(HandoffReason reason) {
    Counter.builder(HANDOFFS)
        .description("Handoffs to a human agent by reason")
        .tags(Tags.of("service", service, "reason", reason.name()))
        .register(registry)
        .increment();
  }

  /** An answer-cache lookup of a cacheable question. */
  public void cacheLookup(boolean hit) {
    Counter.builder(ANSWER_CACHE)
        .description("Answer-cache lookups by result")
        .tags(Tags.of("service", service, "result", hit ? "hit" : "miss"))
        .register(registry)
        .increment();
  }

  /** A dead letter written to cs.dlq by {@code stage} (usually this service). */
  public void deadLetter(String stage, FailureKind kind) {
    deadLetter(registry, service, stage, kind);
  }

  /** Counts a dead letter without a {@link PipelineMetrics} instance (the Streams handlers). */
  public static void deadLetter(
      MeterRegistry registry, String service, String stage, FailureKind kind) {
    Counter.builder(DEAD_LETTERS)
        .description("Dead letters written to cs.dlq by stage and kind")
        .tags(Tags.of("service", service, "stage", stage, "kind", kind.name()))
        .register(registry)
        .increment();
  }

  /** Kafka client meters of a producer, tagged with {@code application}; bind and close them. */
  public static KafkaClientMetrics kafkaClientMetrics(Producer<?, ?> producer, String application) {
    return new KafkaClientMetrics(producer, Tags.of(KAFKA_APPLICATION_TAG, application));
  }

  /** Kafka client meters of a consumer (records-lag-max...), tagged with {@code application}. */
  public static KafkaClientMetrics kafkaClientMetrics(Consumer<?, ?> consumer, String application) {
    return new KafkaClientMetrics(consumer, Tags.of(KAFKA_APPLICATION_TAG, application));
  }

  private String bounded(String tag, String value) {
    if (value == null || value.isBlank()) {
      return NONE;
    }
    String normalized = value.strip().toLowerCase(Locale.ROOT);
    Set<String> seen = seenValues.computeIfAbsent(tag, t -> ConcurrentHashMap.newKeySet());
    if (seen.contains(normalized)) {
      return normalized;
    }
    if (normalized.length() <= 64 && seen.size() < MAX_VALUES_PER_TAG) {
      seen.add(normalized);
      return normalized;
    }
    return OTHER;
  }
}
