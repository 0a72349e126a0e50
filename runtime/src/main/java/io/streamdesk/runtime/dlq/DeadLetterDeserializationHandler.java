package io.streamdesk.runtime.dlq;

import io.streamdesk.schemas.events.FailureKind;
import io.streamdesk.schemas.events.ProcessingFailed;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records Kafka Streams cannot deserialize (not our wire format, unknown schema id, corrupt Avro)
 * go to the dead-letter topic as a {@link ProcessingFailed} of kind DESERIALIZATION with their raw
 * bytes, and processing continues with the next record. The dead letter is returned to Streams
 * (KIP-1034), which produces it inside the task's exactly-once transaction. A registry outage is
 * not the record's fault: it fails the task so the record is retried.
 *
 * <p>Configured from the Streams config map: see {@link DeadLetterConfig}.
 */
public class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

  private DeadLetters deadLetters;

  @Override
  public void configure(Map<String, ?> configs) {
    deadLetters = DeadLetters.fromConfigs(configs);
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    if (Failures.isTransient(exception)) {
      log.error(
          "{}: cannot deserialize {}-{}@{} for now, failing the task to retry: {}",
          deadLetters.stage(),
          record.topic(),
          record.partition(),
          record.offset(),
          Failures.summary(exception));
      return Response.fail();
    }
    ProcessingFailed failure =
        deadLetters.failure(
            FailureKind.DESERIALIZATION,
            ProcessingFailures.Source.of(record.topic(), record.partition(), record.offset()),
            record.key(),
            record.value(),
            null,
            exception);
    log.warn(
        "{}: {}-{}@{} is unreadable, sent to {}: {}",
        deadLetters.stage(),
        record.topic(),
        record.partition(),
        record.offset(),
        deadLetters.topic(),
        Failures.summary(exception));
    return Response.resume(List.of(deadLetters.toRecord(failure, record.key())));
  }
}
