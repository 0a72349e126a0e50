package io.streamdesk.runtime.dlq;

import io.micrometer.core.instrument.MeterRegistry;
import io.streamdesk.schemas.events.FailureKind;
import io.streamdesk.schemas.events.ProcessingFailed;
import io.streamdesk.schemas.topics.Topic;
import io.streamdesk.schemas.topics.TopicSerdes;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Dead letters for services with a plain consumer loop (generation worker, reply dispatcher): the
 * same ProcessingFailed record the Streams handlers write. It only builds the producer record; the
 * caller sends it with its own producer, inside its transaction when it has one, so the dead letter
 * and the consumed offset commit together.
 *
 * <p>Consume {@code byte[]} and deserialize in the loop, so that a record which cannot be read
 * still has its raw bytes to park.
 */
public final class DeadLetterWriter {

  private final DeadLetters deadLetters;

  /**
   * @param stage the service, e.g. generation-worker
   * @param dlq the catalogue's dead-letter topic
   * @param serdes serdes of the service's registry
   */
  public DeadLetterWriter(String stage, Topic<String, ProcessingFailed> dlq, TopicSerdes serdes) {
    this.deadLetters =
        new DeadLetters(stage, dlq.name(), serdes.valueSerde(dlq).serializer(), Clock.systemUTC());
  }

  /**
   * Dead letters counted in {@code registry} as {@code streamdesk.dlq.records{stage,kind}} when
   * built. Callers whose records may be rebuilt (a transaction redone) count on commit instead.
   */
  public DeadLetterWriter(
      String stage,
      Topic<String, ProcessingFailed> dlq,
      TopicSerdes serdes,
      MeterRegistry registry) {
    this.deadLetters =
        new DeadLetters(stage, dlq.name(), serdes.valueSerde(dlq).serializer(), Clock.systemUTC())
            .countedIn(registry);
  }

  /**
   * A dead letter for a record that failed with an exception.
   *
   * @param record the record as consumed
   * @param value its deserialized value, when deserialization got that far (for its ids), or null
   * @param kind DESERIALIZATION, PROCESSING or PRODUCTION
   * @param error what went wrong
   */
  public ProducerRecord<byte[], byte[]> failure(
      ConsumerRecord<byte[], byte[]> record, Object value, FailureKind kind, Throwable error) {
    ProcessingFailed failure =
        deadLetters.failure(kind, sourceOf(record), record.key(), record.value(), value, error);
    return deadLetters.toRecord(failure, record.key());
  }

  /** A dead letter for a business failure ({@code code}, {@code reason}). */
  public ProducerRecord<byte[], byte[]> businessFailure(
      ConsumerRecord<byte[], byte[]> record, Object value, String code, String reason) {
    ProcessingFailed failure =
        deadLetters.businessFailure(
            sourceOf(record), record.key(), record.value(), value, code, reason);
    return deadLetters.toRecord(failure, record.key());
  }

  /** The dead-letter topic. */
  public String topic() {
    return deadLetters.topic();
  }

  private static ProcessingFailures.Source sourceOf(ConsumerRecord<?, ?> record) {
    return ProcessingFailures.Source.of(record.topic(), record.partition(), record.offset());
  }
}
