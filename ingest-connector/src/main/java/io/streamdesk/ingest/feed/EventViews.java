package io.streamdesk.ingest.feed;

import io.streamdesk.schemas.events.Citation;
import io.streamdesk.schemas.events.HandoffRequested;
import io.streamdesk.schemas.events.ReplyChunk;
import io.streamdesk.schemas.events.ReplyGenerated;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What clients see of the pipeline's events: the customer-facing fields only (no model internals,
 * no agent summary or masked turns of a handoff). Field names are camelCase, as on the /v1 API.
 */
public final class EventViews {

  private EventViews() {}

  public static Map<String, Object> chunk(ReplyChunk c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("messageId", c.getMessageId());
    m.put("seq", c.getSeq());
    m.put("delta", c.getDelta());
    m.put("final", c.getFinal$());
    return m;
  }

  public static Map<String, Object> reply(ReplyGenerated r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("messageId", r.getInReplyTo());
    m.put("replyId", r.getReplyId());
    m.put("conversationId", r.getConversationId());
    m.put("text", r.getText());
    m.put("action", r.getAction().name());
    m.put("intent", r.getIntent());
    m.put("confidence", r.getConfidence());
    m.put("language", r.getLanguage());
    m.put("citations", citations(r.getCitations()));
    m.put("generatedAt", r.getGeneratedAt().toString());
    return m;
  }

  public static Map<String, Object> handoff(HandoffRequested h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("messageId", h.getMessageId());
    m.put("handoffId", h.getHandoffId());
    m.put("reason", h.getReason().name());
    m.put("priority", h.getPriority().name());
    m.put("requestedAt", h.getRequestedAt().toString());
    return m;
  }

  public static List<Map<String, Object>> citations(List<Citation> citations) {
    return citations.stream()
        .map(
            c -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("title", c.getTitle());
              m.put("source", c.getSource());
              m.put("documentId", c.getDocumentId());
              m.put("passageId", c.getPassageId());
              return m;
            })
        .toList();
  }
}
