package io.streamdesk.ingest.feed;

/**
 * Where a client is in a conversation's event stream: the offset of the last record it received
 * from each of cs.replies, cs.replies.chunks and cs.handoffs (-1 for none). Every conversation
 * topic is keyed by conversationId with one partition count, so a conversation lives in one
 * partition of each and three offsets pin its position exactly. The SSE event id is this cursor
 * ({@code REPLY.CHUNK.HANDOFF}), so any replica can resume a stream from a Last-Event-ID.
 */
public record EventCursor(long reply, long chunk, long handoff) {

  public static final EventCursor START = new EventCursor(-1, -1, -1);

  /** Parses {@code REPLY.CHUNK.HANDOFF}; throws IllegalArgumentException otherwise. */
  public static EventCursor parse(String id) {
    if (id == null || id.length() > 64) {
      throw new IllegalArgumentException("not an event id");
    }
    String[] parts = id.trim().split("\\.");
    if (parts.length != 3) {
      throw new IllegalArgumentException("an event id has three parts: REPLY.CHUNK.HANDOFF");
    }
    try {
      EventCursor cursor =
          new EventCursor(
              Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
      if (cursor.reply < -1 || cursor.chunk < -1 || cursor.handoff < -1) {
        throw new IllegalArgumentException("event id offsets are -1 or more");
      }
      return cursor;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("event id parts are offsets (integers)");
    }
  }

  /** The offset this cursor holds for a kind of event. */
  public long offsetOf(StreamEvent.Kind kind) {
    return switch (kind) {
      case REPLY -> reply;
      case CHUNK -> chunk;
      case HANDOFF -> handoff;
    };
  }

  /** Whether the client has not received {@code event} yet. */
  public boolean precedes(StreamEvent event) {
    return event.offset() > offsetOf(event.kind());
  }

  /** The cursor after receiving {@code event}. */
  public EventCursor after(StreamEvent event) {
    return switch (event.kind()) {
      case REPLY -> new EventCursor(Math.max(reply, event.offset()), chunk, handoff);
      case CHUNK -> new EventCursor(reply, Math.max(chunk, event.offset()), handoff);
      case HANDOFF -> new EventCursor(reply, chunk, Math.max(handoff, event.offset()));
    };
  }

  /** The SSE id. */
  public String format() {
    return reply + "." + chunk + "." + handoff;
  }

  @Override
  public String toString() {
    return format();
  }
}
