package io.streamdesk.dispatcher;

import io.streamdesk.runtime.dlq.DeadLetterWriter;
import io.streamdesk.schemas.events.DeliveryFailed;
import io.streamdesk.schemas.events.FailureKind;
import io.streamdesk.schemas.events.ReplyDelivered;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes outcomes: ReplyDelivered or DeliveryFailed on cs.deliveries (keyed by conversationId, in
 * the partition number of the input record, so the ledger of partition p is rebuilt from
 * cs.deliveries partition p), and ProcessingFailed on cs.dlq for what could not be delivered.
 * Delivery threads wait for the broker's acknowledgement: only an acknowledged outcome lets the
 * input offset be committed.
 */
final class OutcomeRecorder {

  /** Business codes of the dispatcher's dead letters (ProcessingFailed.exceptionClass). */
  static final String WEBHOOK_REJECTED = "WEBHOOK_REJECTED";

  static final String WEBHOOK_UNAVAILABLE = "WEBHOOK_UNAVAILABLE";
  static final String NO_WEBHOOK = "NO_WEBHOOK";

  private final Producer<byte[], byte[]> producer;
  private final String deliveriesTopic;
  private final Serializer<SpecificRecord> deliveriesSerializer;
  private final DeadLetterWriter deadLetters;

  OutcomeRecorder(
      Producer<byte[], byte[]> producer,
      String deliveriesTopic,
      Serializer<SpecificRecord> deliveriesSerializer,
      DeadLetterWriter deadLetters) {
    this.producer = producer;
    this.deliveriesTopic = deliveriesTopic;
    this.deliveriesSerializer = deliveriesSerializer;
    this.deadLetters = deadLetters;
  }

  /** Records a successful delivery and waits for the acknowledgement. */
  void delivered(
      Delivery delivery,
      String endpoint,
      int status,
      int attempts,
      Duration latency,
      Instant deliveredAt) {
    ReplyDelivered outcome =
        ReplyDelivered.newBuilder()
            .setDeliveryId(delivery.deliveryId())
            .setMessageId(delivery.messageId())
            .setConversationId(delivery.conversationId())
            .setChannel(delivery.channel())
            .setKind(delivery.kind())
            .setEndpoint(endpoint)
            .setStatusCode(status)
            .setAttempts(attempts)
            .setLatencyMs(latency.toMillis())
            .setDeliveredAt(deliveredAt)
            .build();
    await(List.of(producer.send(outcomeRecord(delivery, outcome))));
  }

  /**
   * Records a failed delivery and its dead letter (business code {@code code}) and waits for both
   * acknowledgements.
   */
  void failed(
      Delivery delivery,
      String endpoint,
      String code,
      String reason,
      Integer lastStatus,
      int attempts,
      boolean retryable,
      Instant failedAt) {
    DeliveryFailed outcome =
        DeliveryFailed.newBuilder()
            .setDeliveryId(delivery.deliveryId())
            .setMessageId(delivery.messageId())
            .setConversationId(delivery.conversationId())
            .setChannel(delivery.channel())
            .setKind(delivery.kind())
            .setEndpoint(endpoint)
            .setReason(reason)
            .setLastStatusCode(lastStatus)
            .setAttempts(attempts)
            .setRetryable(retryable)
            .setFailedAt(failedAt)
            .build();
    Future<RecordMetadata> audit = producer.send(outcomeRecord(delivery, outcome));
    Future<RecordMetadata> dlq =
        producer.send(
            deadLetters.businessFailure(
                delivery.source(),
                delivery.event(),
                code,
                delivery.kind() + " " + delivery.deliveryId() + " to " + endpoint + ": " + reason));
    await(List.of(audit, dlq));
  }

  /** Dead-letters a record that cannot be read; {@code done} runs once it is acknowledged. */
  void unreadable(ConsumerRecord<byte[], byte[]> record, Throwable error, Callback done) {
    producer.send(deadLetters.failure(record, null, FailureKind.DESERIALIZATION, error), done);
  }

  private ProducerRecord<byte[], byte[]> outcomeRecord(Delivery delivery, SpecificRecord outcome) {
    byte[] key = delivery.conversationId().getBytes(StandardCharsets.UTF_8);
    return new ProducerRecord<>(
        deliveriesTopic,
        delivery.source().partition(),
        key,
        deliveriesSerializer.serialize(deliveriesTopic, outcome));
  }

  private static void await(List<Future<RecordMetadata>> sends) {
    try {
      for (Future<RecordMetadata> send : sends) {
        send.get();
      }
    } catch (ExecutionException e) {
      throw new OutcomeNotRecordedException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OutcomeNotRecordedException(e);
    }
  }

  /** The broker did not take an outcome: the input record must not be passed. */
  static final class OutcomeNotRecordedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutcomeNotRecordedException(Throwable cause) {
      super("could not record a delivery outcome: " + cause, cause);
    }
  }
}
