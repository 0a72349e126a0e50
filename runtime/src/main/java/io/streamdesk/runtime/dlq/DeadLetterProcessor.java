package io.streamdesk.runtime.dlq;

import io.micrometer.core.instrument.MeterRegistry;
import io.streamdesk.runtime.metrics.PipelineMetrics;
import io.streamdesk.schemas.events.FailureKind;
import io.streamdesk.schemas.events.ProcessingFailed;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Turns the {@link Outcome.Dlq} branch of a topology into ProcessingFailed records of kind
 * BUSINESS, with the source topic, partition and offset of the record being processed and the
 * messageId of the Dlq's subject; other outcomes are dropped. Send its output to the catalogue's
 * dead-letter topic. Each is counted as {@value PipelineMetrics#DEAD_LETTERS} when the app's config
 * holds a registry under {@link DeadLetterConfig#METER_REGISTRY} (the StreamsRunner's):
 *
 * <pre>{@code
 * outcomes.filter((k, o) -> o.isDlq(), Named.as("only-dlq"))
 *     .processValues(DeadLetterProcessor.supplier("intent-stream"), Named.as("to-dead-letter"))
 *     .to(topics.dlq().name(), Produced.with(serdes.keySerde(topics.dlq()), serdes.valueSerde(topics.dlq())));
 * }</pre>
 */
public final class DeadLetterProcessor<V>
    implements FixedKeyProcessor<String, Outcome<V>, ProcessingFailed> {

  private final ProcessingFailures failures;
  private FixedKeyProcessorContext<String, ProcessingFailed> context;
  private MeterRegistry meters;

  private DeadLetterProcessor(String stage) {
    this.failures = new ProcessingFailures(stage);
  }

  /** A supplier for {@code processValues}. */
  public static <V> FixedKeyProcessorSupplier<String, Outcome<V>, ProcessingFailed> supplier(
      String stage) {
    return () -> new DeadLetterProcessor<>(stage);
  }

  @Override
  public void init(FixedKeyProcessorContext<String, ProcessingFailed> context) {
    this.context = context;
    this.meters =
        context.appConfigs().get(DeadLetterConfig.METER_REGISTRY) instanceof MeterRegistry r
            ? r
            : null;
  }

  @Override
  public void process(FixedKeyRecord<String, Outcome<V>> record) {
    if (!(record.value() instanceof Outcome.Dlq<V> dlq)) {
      return;
    }
    ProcessingFailures.Source source =
        context
            .recordMetadata()
            .map(DeadLetterProcessor::sourceOf)
            .orElse(ProcessingFailures.Source.unknown());
    byte[] rawKey = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
    ProcessingFailed failure =
        failures.businessFailure(
            source,
            rawKey,
            null,
            dlq.subject(),
            dlq.code(),
            dlq.reason(),
            Instant.ofEpochMilli(context.currentSystemTimeMs()));
    context.forward(record.withValue(failure));
    if (meters != null) {
      PipelineMetrics.deadLetter(meters, failures.stage(), failures.stage(), FailureKind.BUSINESS);
    }
  }

  private static ProcessingFailures.Source sourceOf(RecordMetadata metadata) {
    return ProcessingFailures.Source.of(metadata.topic(), metadata.partition(), metadata.offset());
  }
}
