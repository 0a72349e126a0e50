package io.streamdesk.ingest.intake;

import java.time.Instant;

/**
 * A message the broker acknowledged on cs.messages.inbound.
 *
 * @param messageId the new message's id (UUID)
 * @param conversationId its conversation (the record key)
 * @param receivedAt when the connector received it
 * @param replayed true when this is the stored first result of an Idempotency-Key
 */
public record Accepted(
    String messageId, String conversationId, Instant receivedAt, boolean replayed) {

  public Accepted asReplay() {
    return new Accepted(messageId, conversationId, receivedAt, true);
  }
}
