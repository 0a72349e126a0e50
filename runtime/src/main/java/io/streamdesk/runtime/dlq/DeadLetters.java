package io.streamdesk.runtime.dlq;

import io.micrometer.core.instrument.MeterRegistry;
import io.streamdesk.runtime.metrics.PipelineMetrics;
import io.streamdesk.schemas.events.FailureKind;
import io.streamdesk.schemas.events.ProcessingFailed;
import io.streamdesk.schemas.registry.SchemaRegistryClients;
import io.streamdesk.schemas.serde.AvroSerializer;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Builds dead letters ({@link ProcessingFailures}) and their producer records for the dead-letter
 * topic: keyed by the failed record's raw key, so a dead letter lands in its conversation's
 * partition, with the {@link ProcessingFailed} value in the Confluent wire format. When given a
 * meter registry, each dead-letter record built is counted as {@value
 * PipelineMetrics#DEAD_LETTERS}{stage, kind}.
 */
public final class DeadLetters {

  private final ProcessingFailures failures;
  private final String topic;
  private final Serializer<ProcessingFailed> serializer;
  private final Clock clock;
  private final MeterRegistry meters;

  public DeadLetters(
      String stage, String topic, Serializer<ProcessingFailed> serializer, Clock clock) {
    this(new ProcessingFailures(stage), topic, serializer, clock, null);
  }

  private DeadLetters(
      ProcessingFailures failures,
      String topic,
      Serializer<ProcessingFailed> serializer,
      Clock clock,
      MeterRegistry meters) {
    this.failures = failures;
    this.topic = Objects.requireNonNull(topic, "topic");
    this.serializer = Objects.requireNonNull(serializer, "serializer");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.meters = meters;
  }

  /** The same dead letters, each counted in {@code registry} when its record is built. */
  public DeadLetters countedIn(MeterRegistry registry) {
    return new DeadLetters(
        failures, topic, serializer, clock, Objects.requireNonNull(registry, "registry"));
  }

  /**
   * Dead letters of a Streams config map ({@link DeadLetterConfig}), counted in the registry the
   * map holds under {@link DeadLetterConfig#METER_REGISTRY}, if any.
   */
  public static DeadLetters fromConfigs(Map<String, ?> configs) {
    DeadLetters deadLetters = from(DeadLetterConfig.fromConfigs(configs));
    return configs.get(DeadLetterConfig.METER_REGISTRY) instanceof MeterRegistry registry
        ? deadLetters.countedIn(registry)
        : deadLetters;
  }

  /** Dead letters of a config's stage and topic, serialized against its registry. */
  public static DeadLetters from(DeadLetterConfig config) {
    Serializer<ProcessingFailed> serializer =
        new AvroSerializer<>(
            SchemaRegistryClients.create(config.registry()),
            ProcessingFailed.getClassSchema(),
            config.registry().autoRegister(),
            false);
    return new DeadLetters(config.stage(), config.topic(), serializer, Clock.systemUTC());
  }

  public String stage() {
    return failures.stage();
  }

  /** The dead-letter topic. */
  public String topic() {
    return topic;
  }

  /** See {@link ProcessingFailures#failure}; failed now. */
  public ProcessingFailed failure(
      FailureKind kind,
      ProcessingFailures.Source source,
      byte[] rawKey,
      byte[] rawValue,
      Object value,
      Throwable error) {
    return failures.failure(kind, source, rawKey, rawValue, value, error, clock.instant());
  }

  /** See {@link ProcessingFailures#businessFailure}; failed now. */
  public ProcessingFailed businessFailure(
      ProcessingFailures.Source source,
      byte[] rawKey,
      byte[] rawValue,
      Object value,
      String code,
      String reason) {
    return failures.businessFailure(source, rawKey, rawValue, value, code, reason, clock.instant());
  }

  /** The producer record for a dead letter: raw key, serialized ProcessingFailed. */
  public ProducerRecord<byte[], byte[]> toRecord(ProcessingFailed failure, byte[] rawKey) {
    if (meters != null) {
      PipelineMetrics.deadLetter(meters, failure.getStage(), failure.getStage(), failure.getKind());
    }
    return new ProducerRecord<>(topic, rawKey, serializer.serialize(topic, failure));
  }
}
