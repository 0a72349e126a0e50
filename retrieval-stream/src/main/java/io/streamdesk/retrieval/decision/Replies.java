package io.streamdesk.retrieval.decision;

import io.streamdesk.schemas.events.ConversationState;
import io.streamdesk.schemas.events.ConversationStatus;
import io.streamdesk.schemas.events.HandoffPriority;
import io.streamdesk.schemas.events.HandoffReason;
import io.streamdesk.schemas.events.HandoffRequested;
import io.streamdesk.schemas.events.MessageClassified;
import io.streamdesk.schemas.events.ReplyAction;
import io.streamdesk.schemas.events.ReplyGenerated;
import io.streamdesk.schemas.events.Turn;
import io.streamdesk.schemas.events.TurnRole;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builders of the records retrieval writes itself. Ids are derived from the message id, so a
 * message processed again after a failure gets the same reply and handoff ids (consumers can
 * deduplicate).
 */
final class Replies {

  /** The {@code model} of a templated reply. */
  static final String TEMPLATE_MODEL = "template";

  private Replies() {}

  static String replyId(String messageId) {
    return "r-" + UUID.nameUUIDFromBytes(("reply:" + messageId).getBytes(StandardCharsets.UTF_8));
  }

  static String handoffId(String messageId) {
    return "h-" + UUID.nameUUIDFromBytes(("handoff:" + messageId).getBytes(StandardCharsets.UTF_8));
  }

  static ReplyGenerated.Builder reply(
      MessageClassified m,
      String language,
      String text,
      ReplyAction action,
      long now,
      long tookMs) {
    return ReplyGenerated.newBuilder()
        .setReplyId(replyId(m.getMessageId()))
        .setInReplyTo(m.getMessageId())
        .setConversationId(m.getConversationId())
        .setChannel(m.getChannel())
        .setCustomerId(m.getCustomerId())
        .setLanguage(language)
        .setText(text)
        .setAction(action)
        .setIntent(m.getIntent())
        .setConfidence(m.getConfidence())
        .setModel(TEMPLATE_MODEL)
        .setReceivedAt(m.getReceivedAt())
        .setGeneratedAt(Instant.ofEpochMilli(now))
        .setTimings(timings(m, tookMs));
  }

  static HandoffRequested handoff(
      MessageClassified m,
      ConversationState before,
      HandoffReason reason,
      String detail,
      long now) {
    List<Turn> turns = new ArrayList<>(before == null ? List.of() : before.getTurns());
    turns.add(
        Turn.newBuilder()
            .setRole(TurnRole.USER)
            .setText(m.getMaskedText())
            .setMessageId(m.getMessageId())
            .setIntent(m.getIntent())
            .setAt(m.getReceivedAt())
            .build());
    return HandoffRequested.newBuilder()
        .setHandoffId(handoffId(m.getMessageId()))
        .setMessageId(m.getMessageId())
        .setConversationId(m.getConversationId())
        .setChannel(m.getChannel())
        .setCustomerId(m.getCustomerId())
        .setLanguage(m.getLanguage())
        .setReason(reason)
        .setDetail(detail)
        .setIntent(m.getIntent())
        .setPriority(HandoffPriority.NORMAL)
        .setSummary(agentSummary(before))
        .setLastTurns(turns)
        .setRequestedAt(Instant.ofEpochMilli(now))
        .build();
  }

  /** The older turns' summary and the facts, for the agent who takes over. */
  static String agentSummary(ConversationState before) {
    if (before == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(before.getSummary());
    if (!before.getFacts().isEmpty()) {
      if (!out.isEmpty()) {
        out.append('\n');
      }
      out.append("facts: ").append(String.join("; ", before.getFacts()));
    }
    return out.toString();
  }

  static boolean alreadyHandedOff(ConversationState before) {
    return before != null && before.getStatus() == ConversationStatus.HANDED_OFF;
  }

  static Map<String, Long> timings(MessageClassified m, long tookMs) {
    Map<String, Long> out = new HashMap<>(m.getTimings());
    out.put("retrieval", tookMs);
    return out;
  }
}
