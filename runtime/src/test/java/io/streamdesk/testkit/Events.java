package io.streamdesk.testkit;

import io.streamdesk.schemas.events.ConversationState;
import io.streamdesk.schemas.events.CustomerMessageReceived;
import io.streamdesk.schemas.events.GenerateReply;
import io.streamdesk.schemas.events.HandoffPriority;
import io.streamdesk.schemas.events.HandoffReason;
import io.streamdesk.schemas.events.HandoffRequested;
import io.streamdesk.schemas.events.MessageClassified;
import io.streamdesk.schemas.events.ReplyAction;
import io.streamdesk.schemas.events.ReplyGenerated;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Builders of the main events, filled with valid defaults (conversation {@code c-1}, message {@code
 * m-1}, channel web, English, {@link TopologyHarness#START}), so a test sets only what it is about:
 * {@code Events.customerMessage().setText("I want a refund").build()}. The builders are Avro's own,
 * so every field stays settable.
 */
public final class Events {

  public static final String CONVERSATION_ID = "c-1";
  public static final String MESSAGE_ID = "m-1";
  public static final String CHANNEL = "web";
  public static final Instant AT = TopologyHarness.START;

  private Events() {}

  /** A customer message on cs.messages.inbound. */
  public static CustomerMessageReceived.Builder customerMessage() {
    return CustomerMessageReceived.newBuilder()
        .setMessageId(MESSAGE_ID)
        .setConversationId(CONVERSATION_ID)
        .setChannel(CHANNEL)
        .setCustomerId("cust-1")
        .setText("Where is my order?")
        .setLocale("en-US")
        .setReceivedAt(AT)
        .setMetadata(Map.of());
  }

  /** A customer message with the given ids and text. */
  public static CustomerMessageReceived customerMessage(
      String conversationId, String messageId, String text) {
    return customerMessage()
        .setConversationId(conversationId)
        .setMessageId(messageId)
        .setText(text)
        .build();
  }

  /** The classification of {@link #customerMessage()} (intent order_status, confidence 0.92). */
  public static MessageClassified.Builder messageClassified() {
    return MessageClassified.newBuilder()
        .setMessageId(MESSAGE_ID)
        .setConversationId(CONVERSATION_ID)
        .setChannel(CHANNEL)
        .setCustomerId("cust-1")
        .setReceivedAt(AT)
        .setMaskedText("Where is my order?")
        .setLanguage("en")
        .setIntent("order_status")
        .setConfidence(0.92)
        .setEmbedding(List.of())
        .setEmbeddingModel("")
        .setTimings(Map.of());
  }

  /** A conversation with no turns yet. */
  public static ConversationState.Builder conversationState() {
    return ConversationState.newBuilder()
        .setConversationId(CONVERSATION_ID)
        .setChannel(CHANNEL)
        .setLanguage("en")
        .setStartedAt(AT)
        .setLastActiveAt(AT);
  }

  /** A generation command for {@link #customerMessage()}, due in 30 seconds. */
  public static GenerateReply.Builder generateReply() {
    return GenerateReply.newBuilder()
        .setMessageId(MESSAGE_ID)
        .setConversationId(CONVERSATION_ID)
        .setChannel(CHANNEL)
        .setCustomerId("cust-1")
        .setLanguage("en")
        .setIntent("order_status")
        .setConfidence(0.92)
        .setUserText("Where is my order?")
        .setReceivedAt(AT)
        .setRequestedAt(AT)
        .setDeadline(AT.plus(Duration.ofSeconds(30)))
        .setTimings(Map.of());
  }

  /** An answer to {@link #customerMessage()}. */
  public static ReplyGenerated.Builder replyGenerated() {
    return ReplyGenerated.newBuilder()
        .setReplyId("r-1")
        .setInReplyTo(MESSAGE_ID)
        .setConversationId(CONVERSATION_ID)
        .setChannel(CHANNEL)
        .setCustomerId("cust-1")
        .setLanguage("en")
        .setText("You can track your order under My orders.")
        .setAction(ReplyAction.ANSWER)
        .setIntent("order_status")
        .setConfidence(0.92)
        .setModel("extractive")
        .setReceivedAt(AT)
        .setGeneratedAt(AT.plusMillis(800))
        .setTimings(Map.of());
  }

  /** A handoff of {@link #customerMessage()} because the customer asked for a human. */
  public static HandoffRequested.Builder handoffRequested() {
    return HandoffRequested.newBuilder()
        .setHandoffId("h-1")
        .setMessageId(MESSAGE_ID)
        .setConversationId(CONVERSATION_ID)
        .setChannel(CHANNEL)
        .setCustomerId("cust-1")
        .setLanguage("en")
        .setReason(HandoffReason.USER_REQUEST)
        .setIntent("human_agent")
        .setPriority(HandoffPriority.NORMAL)
        .setRequestedAt(AT);
  }
}
