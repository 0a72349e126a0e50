package io.streamdesk.dispatcher;

import io.streamdesk.schemas.events.DeliveryKind;
import io.streamdesk.schemas.events.HandoffRequested;
import io.streamdesk.schemas.events.ReplyGenerated;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One thing to deliver, read from cs.replies or cs.handoffs, with its idempotency key and the
 * record it came from (for its offset and, should it fail, its raw bytes in the dead letter).
 *
 * @param kind REPLY or HANDOFF
 * @param deliveryId the idempotency key: {@code messageId:channel}, plus {@code :handoff} for
 *     tickets (as documented on ReplyDelivered.deliveryId)
 * @param messageId the customer message the reply or handoff answers
 * @param conversationId the conversation (the record key)
 * @param channel the channel of the conversation
 * @param event the deserialized ReplyGenerated or HandoffRequested
 * @param source the consumed record
 */
record Delivery(
    DeliveryKind kind,
    String deliveryId,
    String messageId,
    String conversationId,
    String channel,
    SpecificRecord event,
    ConsumerRecord<byte[], byte[]> source) {

  Delivery {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(deliveryId, "deliveryId");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(source, "source");
  }

  static Delivery of(ReplyGenerated reply, ConsumerRecord<byte[], byte[]> source) {
    return new Delivery(
        DeliveryKind.REPLY,
        replyDeliveryId(reply.getInReplyTo(), reply.getChannel()),
        reply.getInReplyTo(),
        reply.getConversationId(),
        reply.getChannel(),
        reply,
        source);
  }

  static Delivery of(HandoffRequested handoff, ConsumerRecord<byte[], byte[]> source) {
    return new Delivery(
        DeliveryKind.HANDOFF,
        handoffDeliveryId(handoff.getMessageId(), handoff.getChannel()),
        handoff.getMessageId(),
        handoff.getConversationId(),
        handoff.getChannel(),
        handoff,
        source);
  }

  /** The idempotency key of a reply: {@code messageId:channel}. */
  static String replyDeliveryId(String messageId, String channel) {
    return messageId + ":" + channel;
  }

  /** The idempotency key of a handoff ticket: {@code messageId:channel:handoff}. */
  static String handoffDeliveryId(String messageId, String channel) {
    return messageId + ":" + channel + ":handoff";
  }

  /** The JSON body, the same bytes for every attempt. */
  byte[] body() {
    return switch (event) {
      case ReplyGenerated reply -> DeliveryPayloads.reply(reply, deliveryId);
      case HandoffRequested handoff -> DeliveryPayloads.handoff(handoff, deliveryId);
      default -> throw new IllegalStateException("not deliverable: " + event.getClass());
    };
  }

  TopicPartition partition() {
    return new TopicPartition(source.topic(), source.partition());
  }

  long offset() {
    return source.offset();
  }
}
