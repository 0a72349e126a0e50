package io.streamdesk.runtime.dlq;

import io.streamdesk.schemas.events.FailureKind;
import io.streamdesk.schemas.events.ProcessingFailed;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A processor that throws (KIP-1033) sends the source record to the dead-letter topic as a {@link
 * ProcessingFailed} of kind PROCESSING, with the raw bytes the task read (KIP-1034's {@code
 * sourceRawKey/Value}) and the message id when the record in hand has one; processing continues.
 * Streams produces the dead letter in the task's transaction. Transient errors fail the task.
 *
 * <p>Configured from the Streams config map: see {@link DeadLetterConfig}.
 */
public class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

  private DeadLetters deadLetters;

  @Override
  public void configure(Map<String, ?> configs) {
    deadLetters = DeadLetters.fromConfigs(configs);
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    if (Failures.isTransient(exception)) {
      log.error(
          "{}: processor {} failed for now on {}-{}@{}, failing the task to retry: {}",
          deadLetters.stage(),
          context.processorNodeId(),
          context.topic(),
          context.partition(),
          context.offset(),
          Failures.summary(exception));
      return Response.fail();
    }
    byte[] rawKey = context.sourceRawKey();
    if (rawKey == null && record.key() instanceof String key) {
      rawKey = key.getBytes(StandardCharsets.UTF_8);
    }
    ProcessingFailed failure =
        deadLetters.failure(
            FailureKind.PROCESSING,
            ProcessingFailures.Source.of(context.topic(), context.partition(), context.offset()),
            rawKey,
            context.sourceRawValue(),
            record.value(),
            exception);
    log.warn(
        "{}: processor {} failed on {}-{}@{}, sent to {}: {}",
        deadLetters.stage(),
        context.processorNodeId(),
        context.topic(),
        context.partition(),
        context.offset(),
        deadLetters.topic(),
        Failures.summary(exception));
    return Response.resume(List.of(deadLetters.toRecord(failure, rawKey)));
  }
}
