package io.streamdesk.runtime.dlq;

import io.streamdesk.schemas.events.FailureKind;
import io.streamdesk.schemas.events.ProcessingFailed;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output record Streams cannot serialize (e.g. a schema the registry refuses) or the broker
 * refuses for good (e.g. too large) sends the <em>source</em> record to the dead-letter topic as a
 * {@link ProcessingFailed} of kind PRODUCTION, naming the output topic; processing continues.
 * Retriable send errors are retried; a registry outage fails the task.
 *
 * <p>Configured from the Streams config map: see {@link DeadLetterConfig}.
 */
public class DeadLetterProductionHandler implements ProductionExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

  private DeadLetters deadLetters;

  @Override
  public void configure(Map<String, ?> configs) {
    deadLetters = DeadLetters.fromConfigs(configs);
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
    if (Failures.isTransient(exception)) {
      return Response.retry();
    }
    return deadLetter(context, record.topic(), exception);
  }

  @Override
  @SuppressWarnings("rawtypes")
  public Response handleSerializationError(
      ErrorHandlerContext context,
      ProducerRecord record,
      Exception exception,
      SerializationExceptionOrigin origin) {
    if (Failures.isTransient(exception)) {
      log.error(
          "{}: cannot serialize the {} for {} for now, failing the task to retry: {}",
          deadLetters.stage(),
          origin.name().toLowerCase(java.util.Locale.ROOT),
          record.topic(),
          Failures.summary(exception));
      return Response.fail();
    }
    return deadLetter(context, record.topic(), exception);
  }

  private Response deadLetter(ErrorHandlerContext context, String outputTopic, Exception error) {
    ProcessingFailed failure =
        deadLetters.failure(
            FailureKind.PRODUCTION,
            ProcessingFailures.Source.of(context.topic(), context.partition(), context.offset()),
            context.sourceRawKey(),
            context.sourceRawValue(),
            null,
            new OutputRejectedException(outputTopic, error));
    log.warn(
        "{}: output to {} for {}-{}@{} failed, source sent to {}: {}",
        deadLetters.stage(),
        outputTopic,
        context.topic(),
        context.partition(),
        context.offset(),
        deadLetters.topic(),
        Failures.summary(error));
    return Response.resume(List.of(deadLetters.toRecord(failure, context.sourceRawKey())));
  }

  /** Names the output topic in the dead letter while keeping the original cause. */
  static final class OutputRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutputRejectedException(String outputTopic, Throwable cause) {
      super("writing to " + outputTopic + " failed: " + Failures.summary(cause), cause);
    }
  }
}
