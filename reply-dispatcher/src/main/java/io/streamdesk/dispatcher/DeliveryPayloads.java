package io.streamdesk.dispatcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamdesk.schemas.events.Citation;
import io.streamdesk.schemas.events.HandoffRequested;
import io.streamdesk.schemas.events.ReplyGenerated;
import io.streamdesk.schemas.events.Turn;
import java.time.Instant;

/**
 * The JSON bodies webhooks receive, version 1 (documented with examples in README.md): a reply
 * ({@code "type":"reply"}) for a channel webhook and a handoff ({@code "type":"handoff"}) for the
 * ticket webhook. Field names are stable; receivers must ignore fields they do not know, so fields
 * can be added. Timestamps are ISO-8601 UTC strings; absent optional values are JSON null.
 */
public final class DeliveryPayloads {

  /** Version of the body format, sent as {@code "version"}. */
  public static final int VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  private DeliveryPayloads() {}

  /** The body of a reply delivery. */
  public static byte[] reply(ReplyGenerated reply, String deliveryId) {
    ObjectNode body = JSON.createObjectNode();
    body.put("type", "reply");
    body.put("version", VERSION);
    body.put("deliveryId", deliveryId);
    body.put("replyId", reply.getReplyId());
    body.put("messageId", reply.getInReplyTo());
    body.put("conversationId", reply.getConversationId());
    body.put("channel", reply.getChannel());
    body.put("customerId", reply.getCustomerId());
    body.put("language", reply.getLanguage());
    body.put("text", reply.getText());
    body.put("action", reply.getAction().name());
    body.put("intent", reply.getIntent());
    body.put("confidence", reply.getConfidence());
    ArrayNode citations = body.putArray("citations");
    for (Citation citation : reply.getCitations()) {
      ObjectNode c = citations.addObject();
      c.put("passageId", citation.getPassageId());
      c.put("documentId", citation.getDocumentId());
      c.put("title", citation.getTitle());
      c.put("source", citation.getSource());
      c.put("kbVersion", citation.getKbVersion());
    }
    body.put("model", reply.getModel());
    body.put("kbVersion", reply.getKbVersion());
    body.put("cached", reply.getCached());
    body.put("receivedAt", iso(reply.getReceivedAt()));
    body.put("generatedAt", iso(reply.getGeneratedAt()));
    return bytes(body);
  }

  /** The body of a handoff ticket. */
  public static byte[] handoff(HandoffRequested handoff, String deliveryId) {
    ObjectNode body = JSON.createObjectNode();
    body.put("type", "handoff");
    body.put("version", VERSION);
    body.put("deliveryId", deliveryId);
    body.put("handoffId", handoff.getHandoffId());
    body.put("messageId", handoff.getMessageId());
    body.put("conversationId", handoff.getConversationId());
    body.put("channel", handoff.getChannel());
    body.put("customerId", handoff.getCustomerId());
    body.put("language", handoff.getLanguage());
    body.put("reason", handoff.getReason().name());
    body.put("detail", handoff.getDetail());
    body.put("intent", handoff.getIntent());
    body.put("priority", handoff.getPriority().name());
    body.put("summary", handoff.getSummary());
    ArrayNode turns = body.putArray("lastTurns");
    for (Turn turn : handoff.getLastTurns()) {
      ObjectNode t = turns.addObject();
      t.put("role", turn.getRole().name());
      t.put("text", turn.getText());
      t.put("messageId", turn.getMessageId());
      t.put("intent", turn.getIntent());
      t.put("at", iso(turn.getAt()));
    }
    body.put("requestedAt", iso(handoff.getRequestedAt()));
    return bytes(body);
  }

  private static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static byte[] bytes(ObjectNode body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      // A tree of strings and numbers always serializes.
      throw new IllegalStateException("cannot write a delivery body", e);
    }
  }
}
