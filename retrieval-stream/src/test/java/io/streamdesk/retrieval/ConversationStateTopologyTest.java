package io.streamdesk.retrieval;

import static io.streamdesk.retrieval.RetrievalFixture.message;
import static io.streamdesk.retrieval.RetrievalFixture.question;
import static io.streamdesk.retrieval.SyntheticKnowledgeBase.DELIVERY;
import static io.streamdesk.retrieval.SyntheticKnowledgeBase.RETURNS;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamdesk.schemas.events.ConversationState;
import io.streamdesk.schemas.events.ConversationStatus;
import io.streamdesk.schemas.events.GenerateReply;
import io.streamdesk.schemas.events.HandoffReason;
import io.streamdesk.schemas.events.MessageClassified;
import io.streamdesk.schemas.events.ReplyAction;
import io.streamdesk.schemas.events.Turn;
import io.streamdesk.schemas.events.TurnRole;
import io.streamdesk.testkit.DlqAssert;
import io.streamdesk.testkit.Events;
import io.streamdesk.testkit.TopologyHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conversation state on {@code cs.conversations}: bounded history with an extractive summary,
 * replies placed after the question they answer, handoffs, and the wall-clock expiry.
 */
class ConversationStateTopologyTest {

  @TempDir Path indexDir;

  private RetrievalFixture fixture;

  private void start(Map<String, String> overrides) {
    fixture = new RetrievalFixture(indexDir, overrides);
  }

  @AfterEach
  void stop() {
    DlqAssert.assertThat(fixture.harness.dlq()).isEmpty();
    fixture.close();
  }

  private TopologyHarness h() {
    return fixture.harness;
  }

  private void send(MessageClassified m) {
    h().input(h().topics().messagesClassified()).pipeInput(m.getConversationId(), m);
  }

  private void reply(String conversationId, String inReplyTo, String text) {
    h().input(h().topics().replies())
        .pipeInput(
            conversationId,
            Events.replyGenerated()
                .setReplyId("r-" + inReplyTo)
                .setConversationId(conversationId)
                .setInReplyTo(inReplyTo)
                .setText(text)
                .setAction(ReplyAction.ANSWER)
                .build());
  }

  private List<KeyValue<String, ConversationState>> states() {
    return h().output(h().topics().conversations()).readKeyValuesToList();
  }

  private ConversationState last(List<KeyValue<String, ConversationState>> states, String id) {
    ConversationState found = null;
    for (KeyValue<String, ConversationState> kv : states) {
      if (kv.key.equals(id)) {
        found = kv.value;
      }
    }
    return found;
  }

  @Test
  void shouldKeepTheLastTurnsAndFoldOlderOnesIntoAFactKeepingSummary() {
    // Given a window of three turns
    start(Map.of("retrieval.history.turns", "3"));

    // When an order question, a promise, and three more turns go by
    send(
        question("c-1", "m-1", "Where is my order 2026031812345? I paid on 2026-03-18.", DELIVERY)
            .setIntent("order_status")
            .build());
    reply("c-1", "m-1", "We will check the parcel and reply within 24 hours. Sorry for the wait.");
    send(message("c-1", "m-2", "ok thanks", "greeting").build());
    send(question("c-1", "m-3", "Can I return the LumaBot X1 Pro?", RETURNS).build());
    reply("c-1", "m-3", "Yes, within 7 days.");

    // Then three turns stay in full, and the older ones live on in summary and facts
    ConversationState state = last(states(), "c-1");
    assertThat(state.getTurns()).hasSize(3);
    assertThat(state.getTurnCount()).isEqualTo(6);
    assertThat(state.getSummary())
        .contains("customer [order_status]: Where is my order 2026031812345?")
        .contains("assistant: We will check the parcel and reply within 24 hours.");
    assertThat(state.getFacts())
        .contains(
            "order: 2026031812345",
            "date: 2026-03-18",
            "product: LumaBot X1 Pro",
            "promise: We will check the parcel and reply within 24 hours.");
    assertThat(state.getIntentHistory())
        .containsExactly("order_status", "greeting", "product_inquiry");
    assertThat(state.getStatus()).isEqualTo(ConversationStatus.OPEN);
  }

  @Test
  void shouldPlaceALateReplyAfterTheQuestionItAnswers() {
    start(Map.of());
    // Given a follow-up sent before the first question's reply arrived
    send(question("c-1", "m-1", "What is your return policy?", RETURNS).build());
    send(question("c-1", "m-2", "How long does delivery take?", DELIVERY).build());

    // When the first reply arrives late
    reply("c-1", "m-1", "Returns are accepted within 7 days.");

    // Then the history reads question, its answer, next question
    assertThat(last(states(), "c-1").getTurns())
        .extracting(Turn::getRole, Turn::getMessageId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(TurnRole.USER, "m-1"),
            org.assertj.core.groups.Tuple.tuple(TurnRole.ASSISTANT, "m-1"),
            org.assertj.core.groups.Tuple.tuple(TurnRole.USER, "m-2"));
    // And the follow-up was searched with the state its previous message left
    List<GenerateReply> requests = h().output(h().topics().generationRequests()).readValuesToList();
    assertThat(requests.get(1).getHistory()).extracting(Turn::getMessageId).containsExactly("m-1");
  }

  @Test
  void shouldRecordAReplyOnlyOnce() {
    start(Map.of());
    send(question("c-1", "m-1", "What is your return policy?", RETURNS).build());
    reply("c-1", "m-1", "Returns are accepted within 7 days.");
    reply("c-1", "m-1", "Returns are accepted within 7 days.");

    assertThat(last(states(), "c-1").getTurns()).hasSize(2);
  }

  @Test
  void shouldMarkAConversationHandedOffWhenAHandoffArrives() {
    start(Map.of());
    send(question("c-1", "m-1", "What is your return policy?", RETURNS).build());
    h().input(h().topics().handoffs())
        .pipeInput(
            "c-1",
            Events.handoffRequested()
                .setConversationId("c-1")
                .setReason(HandoffReason.COMPLAINT)
                .build());

    ConversationState state = last(states(), "c-1");
    assertThat(state.getStatus()).isEqualTo(ConversationStatus.HANDED_OFF);
    assertThat(state.getFacts()).contains("handoff: COMPLAINT");
  }

  @Test
  void shouldCloseIdleConversationsOnTheWallClock() {
    // Given the default idle timeout of one hour and two conversations
    start(Map.of());
    send(question("c-idle", "m-1", "What is your return policy?", RETURNS).build());
    h().advanceWallClock(Duration.ofMinutes(30));
    send(question("c-busy", "m-2", "How long does delivery take?", DELIVERY).build());
    states();

    // When 59 minutes pass, nothing closes; after 61 only the idle one does
    h().advanceWallClock(Duration.ofMinutes(29));
    assertThat(states()).isEmpty();
    h().advanceWallClock(Duration.ofMinutes(2));
    List<KeyValue<String, ConversationState>> changes = states();
    assertThat(changes).extracting(kv -> kv.key).containsExactly("c-idle");
    assertThat(changes.get(0).value.getStatus()).isEqualTo(ConversationStatus.CLOSED);
    assertThat(fixture.registry.counter("retrieval.conversations.closed").count()).isEqualTo(1);
  }

  @Test
  void shouldReopenAClosedConversationWithItsFacts() {
    start(Map.of());
    send(question("c-1", "m-1", "Order 2026031812345: can I return it?", RETURNS).build());
    h().advanceWallClock(Duration.ofMinutes(61));
    send(question("c-1", "m-2", "How long does delivery take?", DELIVERY).build());

    ConversationState state = last(states(), "c-1");
    assertThat(state.getStatus()).isEqualTo(ConversationStatus.OPEN);
    assertThat(state.getFacts()).contains("order: 2026031812345");
  }

  @Test
  void shouldDeleteAClosedConversationAfterItsRetention() {
    // Given a retention of one hour after closing
    start(Map.of("retrieval.conversation.retention", "1h"));
    send(question("c-1", "m-1", "What is your return policy?", RETURNS).build());

    // When it closes, then outlives its retention
    h().advanceWallClock(Duration.ofMinutes(61));
    h().advanceWallClock(Duration.ofMinutes(61));

    // Then a tombstone follows the CLOSED state
    TestOutputTopic<String, ConversationState> out = h().output(h().topics().conversations());
    List<KeyValue<String, ConversationState>> changes = out.readKeyValuesToList();
    assertThat(changes.get(changes.size() - 2).value.getStatus())
        .isEqualTo(ConversationStatus.CLOSED);
    assertThat(changes.get(changes.size() - 1).key).isEqualTo("c-1");
    assertThat(changes.get(changes.size() - 1).value).isNull();
  }
}
