package io.streamdesk.retrieval;

import static io.streamdesk.retrieval.RetrievalFixture.message;
import static io.streamdesk.retrieval.RetrievalFixture.question;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamdesk.schemas.events.FailureKind;
import io.streamdesk.schemas.events.GenerateReply;
import io.streamdesk.schemas.events.HandoffReason;
import io.streamdesk.schemas.events.MessageClassified;
import io.streamdesk.schemas.events.ReplyAction;
import io.streamdesk.schemas.events.ReplyGenerated;
import io.streamdesk.testkit.DlqAssert;
import io.streamdesk.testkit.Events;
import io.streamdesk.testkit.TopologyHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No message is lost or duplicated across the join with the conversation state. */
class ExactlyOneOutputTest {

  @TempDir Path indexDir;

  @Test
  void shouldAnswerEveryMessageOfInterleavedConversationsExactlyOnce() {
    try (RetrievalFixture fixture = new RetrievalFixture(indexDir)) {
      TopologyHarness h = fixture.harness;
      TestInputTopic<String, MessageClassified> classified =
          h.input(h.topics().messagesClassified());
      TestInputTopic<String, ReplyGenerated> workerReplies = h.input(h.topics().replies());

      // Given 25 conversations of 6 messages, sent round-robin, of every kind, with the worker's
      // replies to earlier generation requests arriving in between
      List<String> sent = new ArrayList<>();
      List<GenerateReply> generated = new ArrayList<>();
      List<ReplyGenerated> direct = new ArrayList<>();
      var requests = h.output(h.topics().generationRequests());
      var replies = h.output(h.topics().replies());
      for (int turn = 0; turn < 6; turn++) {
        for (int c = 0; c < 25; c++) {
          String conversation = "c-" + c;
          String id = conversation + "-m" + turn;
          MessageClassified m = kind(conversation, id, (c + turn) % 6);
          classified.pipeInput(conversation, m);
          sent.add(id);
          List<GenerateReply> newRequests = requests.readValuesToList();
          generated.addAll(newRequests);
          direct.addAll(replies.readValuesToList());
          for (GenerateReply r : newRequests) {
            workerReplies.pipeInput(
                r.getConversationId(),
                Events.replyGenerated()
                    .setReplyId("w-" + r.getMessageId())
                    .setConversationId(r.getConversationId())
                    .setInReplyTo(r.getMessageId())
                    .setAction(ReplyAction.ANSWER)
                    .build());
          }
        }
      }
      direct.addAll(replies.readValuesToList());

      // Then every message got exactly one output: a generation request or a direct reply
      Map<String, Long> outputs = new HashMap<>();
      generated.forEach(r -> outputs.merge(r.getMessageId(), 1L, Long::sum));
      direct.forEach(r -> outputs.merge(r.getInReplyTo(), 1L, Long::sum));
      assertThat(outputs.keySet()).containsExactlyInAnyOrderElementsOf(sent);
      assertThat(outputs.values()).containsOnly(1L);
      assertThat(generated.size() + direct.size()).isEqualTo(sent.size());
      assertThat(generated).isNotEmpty();
      assertThat(direct.stream().map(ReplyGenerated::getAction).collect(Collectors.toSet()))
          .contains(ReplyAction.ANSWER, ReplyAction.CLARIFY, ReplyAction.HANDOFF);
      DlqAssert.assertThat(h.dlq()).isEmpty();
    }
  }

  @Test
  void shouldSendRecordsItCannotAnswerToTheDeadLetterTopic() {
    try (RetrievalFixture fixture = new RetrievalFixture(indexDir)) {
      TopologyHarness h = fixture.harness;
      // Given a record keyed by another conversation, and bytes that are no Avro record
      h.input(h.topics().messagesClassified())
          .pipeInput(
              "c-other",
              question("c-1", "m-1", "What is your return policy?", SyntheticKnowledgeBase.RETURNS)
                  .build());
      h.rawInput(h.topics().messagesClassified())
          .pipeInput(
              "c-2".getBytes(StandardCharsets.UTF_8), "garbage".getBytes(StandardCharsets.UTF_8));

      // Then both are parked, and nothing is answered
      var deadLetters = h.dlq().readValuesToList();
      DlqAssert.assertThat(deadLetters)
          .hasSize(2)
          .hasFailureOf("KEY_MISMATCH")
          .hasFailure(RetrievalTopology.SERVICE, FailureKind.DESERIALIZATION);
      assertThat(h.output(h.topics().generationRequests()).isEmpty()).isTrue();
      assertThat(h.output(h.topics().replies()).isEmpty()).isTrue();
    }
  }

  /** Six kinds of message: answerable, unanswerable, greeting, handoff, feedback, follow-up. */
  private static MessageClassified kind(String conversation, String id, int kind) {
    Function<Integer, MessageClassified> q =
        axis -> question(conversation, id, "question " + id, axis).build();
    return switch (kind) {
      case 0 -> q.apply(SyntheticKnowledgeBase.RETURNS);
      case 1 -> q.apply(SyntheticKnowledgeBase.OFF_TOPIC);
      case 2 -> message(conversation, id, "hello", "greeting").build();
      case 3 ->
          message(conversation, id, "I want a human", "human_agent")
              .setHandoffReason(HandoffReason.USER_REQUEST)
              .build();
      case 4 -> message(conversation, id, "nice app", "feedback").build();
      default ->
          question(conversation, id, "and delivery?", SyntheticKnowledgeBase.DELIVERY).build();
    };
  }
}
