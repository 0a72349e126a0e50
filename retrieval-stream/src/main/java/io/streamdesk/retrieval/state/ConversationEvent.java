package io.streamdesk.retrieval.state;

import io.streamdesk.schemas.events.HandoffRequested;
import io.streamdesk.schemas.events.ReplyGenerated;

/** An event other than a customer message that changes a conversation's state. */
public sealed interface ConversationEvent {

  /** A reply on cs.replies (from the generation worker, or written by retrieval itself). */
  record Reply(ReplyGenerated reply) implements ConversationEvent {}

  /** A handoff on cs.handoffs (from the intent stream, or retrieval itself). */
  record Handoff(HandoffRequested handoff) implements ConversationEvent {}

  /** The conversation id the event names, or null when there is no value. */
  default String conversationId() {
    return switch (this) {
      case Reply r -> r.reply() == null ? null : r.reply().getConversationId();
      case Handoff h -> h.handoff() == null ? null : h.handoff().getConversationId();
    };
  }

  /** Whether the record carried no value. */
  default boolean isEmpty() {
    return switch (this) {
      case Reply r -> r.reply() == null;
      case Handoff h -> h.handoff() == null;
    };
  }
}
