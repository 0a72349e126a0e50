package io.streamdesk.stack.replay;

import io.streamdesk.schemas.events.CustomerMessageReceived;
import java.util.Objects;
import org.apache.kafka.common.header.Header;

/**
 * One inbound message of the replayed range: the record as it is on {@code cs.messages.inbound}
 * (re-sent byte for byte to the shadow inbound topic) and its decoded value.
 *
 * @param partition source partition (the shadow topic has as many, so it keeps its partition)
 * @param offset source offset
 * @param timestamp source record timestamp, epoch ms: when the message entered the pipeline
 * @param key raw key (the conversation id)
 * @param value raw value (Confluent wire format)
 * @param headers the record's headers
 * @param message the decoded value
 */
record SourceMessage(
    int partition,
    long offset,
    long timestamp,
    byte[] key,
    byte[] value,
    Header[] headers,
    CustomerMessageReceived message) {

  SourceMessage {
    Objects.requireNonNull(message, "message");
  }

  String messageId() {
    return message.getMessageId();
  }

  String conversationId() {
    return message.getConversationId();
  }
}
