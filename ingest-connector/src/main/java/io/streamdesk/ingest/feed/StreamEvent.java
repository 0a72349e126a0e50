package io.streamdesk.ingest.feed;

import java.util.Objects;

/**
 * One server-sent event of a conversation, rendered once when its record is read.
 *
 * @param conversationId the conversation (the record key)
 * @param kind the SSE event name
 * @param offset the record's offset in its topic's partition
 * @param messageId the inbound message the event belongs to
 * @param json the event's data line (JSON, no newlines)
 */
public record StreamEvent(
    String conversationId, Kind kind, long offset, String messageId, String json) {

  /** Event names, one per topic. */
  public enum Kind {
    /** A reply piece from cs.replies.chunks. */
    CHUNK("chunk"),
    /** The final reply from cs.replies. */
    REPLY("reply"),
    /** A handoff to a human from cs.handoffs. */
    HANDOFF("handoff");

    private final String eventName;

    Kind(String eventName) {
      this.eventName = eventName;
    }

    public String eventName() {
      return eventName;
    }
  }

  public StreamEvent {
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(json, "json");
  }
}
