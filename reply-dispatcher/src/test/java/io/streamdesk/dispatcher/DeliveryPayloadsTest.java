package io.streamdesk.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamdesk.schemas.events.Citation;
import io.streamdesk.schemas.events.HandoffPriority;
import io.streamdesk.schemas.events.HandoffReason;
import io.streamdesk.schemas.events.Turn;
import io.streamdesk.schemas.events.TurnRole;
import io.streamdesk.testkit.Events;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryPayloadsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldWriteEveryReplyFieldAReceiverNeeds() throws Exception {
    // Given
    var reply =
        Events.replyGenerated()
            .setText("您的订单已发货 “quoted”")
            .setKbVersion(7L)
            .setCitations(
                List.of(
                    Citation.newBuilder()
                        .setPassageId("p-1")
                        .setDocumentId("faq-shipping")
                        .setTitle("Shipping times")
                        .setSource("faq/shipping.md")
                        .setKbVersion(7L)
                        .build()))
            .build();

    // When
    JsonNode body = JSON.readTree(DeliveryPayloads.reply(reply, "m-1:web"));

    // Then
    assertThat(body.get("type").asText()).isEqualTo("reply");
    assertThat(body.get("version").asInt()).isEqualTo(1);
    assertThat(body.get("deliveryId").asText()).isEqualTo("m-1:web");
    assertThat(body.get("replyId").asText()).isEqualTo("r-1");
    assertThat(body.get("messageId").asText()).isEqualTo("m-1");
    assertThat(body.get("conversationId").asText()).isEqualTo("c-1");
    assertThat(body.get("channel").asText()).isEqualTo("web");
    assertThat(body.get("customerId").asText()).isEqualTo("cust-1");
    assertThat(body.get("language").asText()).isEqualTo("en");
    assertThat(body.get("text").asText()).isEqualTo("您的订单已发货 “quoted”");
    assertThat(body.get("action").asText()).isEqualTo("ANSWER");
    assertThat(body.get("intent").asText()).isEqualTo("order_status");
    assertThat(body.get("confidence").asDouble()).isEqualTo(0.92);
    assertThat(body.get("model").asText()).isEqualTo("extractive");
    assertThat(body.get("kbVersion").asLong()).isEqualTo(7L);
    assertThat(body.get("cached").asBoolean()).isFalse();
    assertThat(body.get("receivedAt").asText()).isEqualTo("2026-01-05T09:00:00Z");
    assertThat(body.get("generatedAt").asText()).isEqualTo("2026-01-05T09:00:00.800Z");
    JsonNode citation = body.get("citations").get(0);
    assertThat(citation.get("passageId").asText()).isEqualTo("p-1");
    assertThat(citation.get("documentId").asText()).isEqualTo("faq-shipping");
    assertThat(citation.get("title").asText()).isEqualTo("Shipping times");
    assertThat(citation.get("source").asText()).isEqualTo("faq/shipping.md");
    assertThat(citation.get("kbVersion").asLong()).isEqualTo(7L);
  }

  @Test
  void shouldWriteAbsentOptionalValuesAsJsonNull() throws Exception {
    var reply = Events.replyGenerated().setCustomerId(null).setKbVersion(null).build();

    JsonNode body = JSON.readTree(DeliveryPayloads.reply(reply, "m-1:web"));

    assertThat(body.get("customerId").isNull()).isTrue();
    assertThat(body.get("kbVersion").isNull()).isTrue();
    assertThat(body.get("citations").isArray()).isTrue();
    assertThat(body.get("citations")).isEmpty();
  }

  @Test
  void shouldWriteTheHandoffTicketWithSummaryReasonPriorityAndLastTurns() throws Exception {
    // Given
    var handoff =
        Events.handoffRequested()
            .setReason(HandoffReason.COMPLAINT)
            .setPriority(HandoffPriority.HIGH)
            .setDetail("strong negative wording")
            .setSummary("Customer complains that the parcel is late.")
            .setLastTurns(
                List.of(
                    Turn.newBuilder()
                        .setRole(TurnRole.USER)
                        .setText("This is unacceptable, phone ***")
                        .setMessageId("m-1")
                        .setIntent("complaint")
                        .setAt(Events.AT)
                        .build(),
                    Turn.newBuilder()
                        .setRole(TurnRole.ASSISTANT)
                        .setText("I am sorry to hear that.")
                        .setMessageId("m-1")
                        .setAt(Events.AT.plusSeconds(1))
                        .build()))
            .build();

    // When
    JsonNode body = JSON.readTree(DeliveryPayloads.handoff(handoff, "m-1:web:handoff"));

    // Then
    assertThat(body.get("type").asText()).isEqualTo("handoff");
    assertThat(body.get("deliveryId").asText()).isEqualTo("m-1:web:handoff");
    assertThat(body.get("handoffId").asText()).isEqualTo("h-1");
    assertThat(body.get("messageId").asText()).isEqualTo("m-1");
    assertThat(body.get("reason").asText()).isEqualTo("COMPLAINT");
    assertThat(body.get("detail").asText()).isEqualTo("strong negative wording");
    assertThat(body.get("intent").asText()).isEqualTo("human_agent");
    assertThat(body.get("priority").asText()).isEqualTo("HIGH");
    assertThat(body.get("summary").asText())
        .isEqualTo("Customer complains that the parcel is late.");
    assertThat(body.get("requestedAt").asText()).isEqualTo("2026-01-05T09:00:00Z");
    JsonNode turns = body.get("lastTurns");
    assertThat(turns).hasSize(2);
    assertThat(turns.get(0).get("role").asText()).isEqualTo("USER");
    assertThat(turns.get(0).get("text").asText()).isEqualTo("This is unacceptable, phone ***");
    assertThat(turns.get(0).get("intent").asText()).isEqualTo("complaint");
    assertThat(turns.get(1).get("role").asText()).isEqualTo("ASSISTANT");
    assertThat(turns.get(1).get("intent").isNull()).isTrue();
    assertThat(turns.get(1).get("at").asText()).isEqualTo("2026-01-05T09:00:01Z");
  }

  @Test
  void shouldProduceTheSameBytesEveryTime() {
    var reply = Events.replyGenerated().build();

    assertThat(DeliveryPayloads.reply(reply, "m-1:web"))
        .isEqualTo(DeliveryPayloads.reply(reply, "m-1:web"));
  }
}
