package io.streamdesk.retrieval;

import static io.streamdesk.retrieval.RetrievalFixture.message;
import static io.streamdesk.retrieval.RetrievalFixture.question;
import static io.streamdesk.retrieval.SyntheticKnowledgeBase.DELIVERY;
import static io.streamdesk.retrieval.SyntheticKnowledgeBase.GOLD;
import static io.streamdesk.retrieval.SyntheticKnowledgeBase.OFF_TOPIC;
import static io.streamdesk.retrieval.SyntheticKnowledgeBase.RETURNS;
import static io.streamdesk.retrieval.SyntheticKnowledgeBase.SILVER;
import static io.streamdesk.retrieval.SyntheticKnowledgeBase.faqId;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamdesk.retrieval.decision.DecisionPath;
import io.streamdesk.schemas.events.ConversationState;
import io.streamdesk.schemas.events.GenerateReply;
import io.streamdesk.schemas.events.HandoffReason;
import io.streamdesk.schemas.events.HandoffRequested;
import io.streamdesk.schemas.events.MessageClassified;
import io.streamdesk.schemas.events.Passage;
import io.streamdesk.schemas.events.PolicyAction;
import io.streamdesk.schemas.events.PolicyHit;
import io.streamdesk.schemas.events.ReplyAction;
import io.streamdesk.schemas.events.ReplyGenerated;
import io.streamdesk.testkit.DlqAssert;
import io.streamdesk.testkit.Events;
import io.streamdesk.testkit.TopologyHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retrieval stream's decision paths on the driver: each classified message gets exactly one
 * GenerateReply or direct ReplyGenerated, by intent, relevance and conversation state.
 */
class RetrievalTopologyTest {

  @TempDir Path indexDir;

  private RetrievalFixture fixture;
  private TestInputTopic<String, MessageClassified> classified;
  private TestOutputTopic<String, GenerateReply> requests;
  private TestOutputTopic<String, ReplyGenerated> replies;
  private TestOutputTopic<String, HandoffRequested> handoffs;
  private TestOutputTopic<String, ConversationState> conversations;

  @BeforeEach
  void start() {
    fixture = new RetrievalFixture(indexDir);
    TopologyHarness h = fixture.harness;
    classified = h.input(h.topics().messagesClassified());
    requests = h.output(h.topics().generationRequests());
    replies = h.output(h.topics().replies());
    handoffs = h.output(h.topics().handoffs());
    conversations = h.output(h.topics().conversations());
  }

  @AfterEach
  void stop() {
    DlqAssert.assertThat(fixture.harness.dlq()).isEmpty();
    fixture.close();
  }

  private void send(MessageClassified m) {
    classified.pipeInput(m.getConversationId(), m);
  }

  @Test
  void shouldRequestGenerationWithTheRelevantPassageFirst() {
    // Given an English KB question whose vector matches the returns FAQ row
    send(question("c-1", "m-1", "Can I return something I don't like?", RETURNS).build());

    // Then one GenerateReply carries that row first, with what the worker needs
    GenerateReply request = requests.readValue();
    assertThat(request.getMessageId()).isEqualTo("m-1");
    Passage top = request.getPassages().get(0);
    assertThat(top.getId()).isEqualTo(faqId(RETURNS));
    assertThat(top.getTitle()).isEqualTo("What is your return policy?");
    assertThat(top.getAnswer()).isEqualTo("Returns are accepted within 7 days.");
    assertThat(top.getCategory()).isEqualTo("faq");
    assertThat(top.getKbVersion()).isEqualTo(1L);
    assertThat(request.getKbVersion()).isEqualTo(fixture.index.version());
    assertThat(request.getLanguage()).isEqualTo("en");
    assertThat(request.getIntent()).isEqualTo("product_inquiry");
    assertThat(request.getSearchQuery()).isEqualTo("Can I return something I don't like?");
    assertThat(request.getDeadline())
        .isEqualTo(request.getRequestedAt().plus(Duration.ofSeconds(20)));
    assertThat(request.getTimings()).containsKey("retrieval");
    assertThat(replies.isEmpty()).isTrue();
    assertThat(fixture.metrics.decisions(DecisionPath.GENERATE)).isEqualTo(1);
  }

  @Test
  void shouldAskToClarifyWhenNoPassageIsRelevant() {
    // Given a KB question whose vector is far from every row
    send(question("c-1", "m-1", "Can I pay with seashells?", OFF_TOPIC).build());

    // Then a clarifying question, no generation request
    ReplyGenerated reply = replies.readValue();
    assertThat(reply.getAction()).isEqualTo(ReplyAction.CLARIFY);
    assertThat(reply.getInReplyTo()).isEqualTo("m-1");
    assertThat(reply.getModel()).isEqualTo("template");
    assertThat(requests.isEmpty()).isTrue();
    assertThat(handoffs.isEmpty()).isTrue();
    assertThat(lastState("c-1").getUnansweredStreak()).isEqualTo(1);
  }

  @Test
  void shouldHandOffWhenTheKnowledgeBaseFailsThreeTimesInARow() {
    // Given three unanswerable questions in one conversation
    send(question("c-1", "m-1", "Can I pay with seashells?", OFF_TOPIC).build());
    send(question("c-1", "m-2", "And with pebbles?", OFF_TOPIC).build());
    send(question("c-1", "m-3", "Do you take gold bars?", OFF_TOPIC).build());

    // Then two clarifications, then a handoff with one HandoffRequested (REPEATED_FAILURE)
    List<ReplyGenerated> all = replies.readValuesToList();
    assertThat(all)
        .extracting(ReplyGenerated::getAction)
        .containsExactly(ReplyAction.CLARIFY, ReplyAction.CLARIFY, ReplyAction.HANDOFF);
    HandoffRequested handoff = handoffs.readValue();
    assertThat(handoff.getReason()).isEqualTo(HandoffReason.REPEATED_FAILURE);
    assertThat(handoff.getMessageId()).isEqualTo("m-3");
    assertThat(handoff.getLastTurns()).extracting(t -> t.getMessageId()).contains("m-1", "m-3");
    assertThat(handoffs.isEmpty()).isTrue();
    assertThat(lastState("c-1").getStatus().name()).isEqualTo("HANDED_OFF");
  }

  @Test
  void shouldResetTheUnansweredStreakWhenAQuestionIsAnswered() {
    // Given two failures, an answered question, then another failure
    send(question("c-1", "m-1", "Seashells?", OFF_TOPIC).build());
    send(question("c-1", "m-2", "Pebbles?", OFF_TOPIC).build());
    send(question("c-1", "m-3", "How long does delivery take?", DELIVERY).build());
    send(question("c-1", "m-4", "Gold bars?", OFF_TOPIC).build());

    // Then no handoff: the answered question broke the streak
    assertThat(handoffs.isEmpty()).isTrue();
    assertThat(requests.readValuesToList()).hasSize(1);
    assertThat(lastState("c-1").getUnansweredStreak()).isEqualTo(1);
  }

  @Test
  void shouldGreetAndThankInTheCustomersLanguage() {
    // Given a Chinese greeting and an English thank-you
    send(message("c-zh", "m-1", "你好", "greeting").setLanguage("zh").build());
    send(message("c-en", "m-2", "great, thanks, that's all", "greeting").build());

    // Then templated answers in each language, no search
    List<ReplyGenerated> all = replies.readValuesToList();
    assertThat(all).extracting(ReplyGenerated::getAction).containsOnly(ReplyAction.ANSWER);
    assertThat(all.get(0).getText()).contains("您好");
    assertThat(all.get(0).getLanguage()).isEqualTo("zh");
    assertThat(all.get(1).getText()).startsWith("You're welcome");
    assertThat(requests.isEmpty()).isTrue();
  }

  @Test
  void shouldSearchAnUnsureGreetingLikeAnyOtherMessage() {
    // Given a short question the classifier took for a greeting, below the direct-reply confidence
    send(
        question("c-1", "m-1", "And returns?", RETURNS)
            .setIntent("greeting")
            .setConfidence(0.57)
            .build());

    // Then it is searched and answered from the knowledge base, not greeted
    GenerateReply request = requests.readValue();
    assertThat(request.getPassages().get(0).getId()).isEqualTo(faqId(RETURNS));
    assertThat(replies.isEmpty()).isTrue();
  }

  @Test
  void shouldTransferWithoutRepeatingTheIntentStreamsHandoff() {
    // Given a complaint the intent stream already handed off
    send(
        message("c-1", "m-1", "This is the third parcel you've lost!", "complaint")
            .setHandoffReason(HandoffReason.COMPLAINT)
            .build());

    // Then the transfer reply, and no second HandoffRequested
    ReplyGenerated reply = replies.readValue();
    assertThat(reply.getAction()).isEqualTo(ReplyAction.HANDOFF);
    assertThat(reply.getText()).contains("human agent");
    assertThat(handoffs.isEmpty()).isTrue();
    assertThat(lastState("c-1").getStatus().name()).isEqualTo("HANDED_OFF");
  }

  @Test
  void shouldRequestAHumanWhenTheIntentAsksForOneWithoutAHandoff() {
    // Given a human_agent message that came without the intent stream's handoff
    send(message("c-1", "m-1", "Let me talk to a person", "human_agent").build());

    // Then the transfer reply and a USER_REQUEST handoff
    assertThat(replies.readValue().getAction()).isEqualTo(ReplyAction.HANDOFF);
    assertThat(handoffs.readValue().getReason()).isEqualTo(HandoffReason.USER_REQUEST);
  }

  @Test
  void shouldRefusePolitelyWhenAPolicySaysRefuse() {
    // Given a message with a REFUSE policy hit
    send(
        question("c-1", "m-1", "How do I return a stolen phone?", RETURNS)
            .setPolicyHits(
                List.of(
                    PolicyHit.newBuilder()
                        .setCategory("fraud")
                        .setAction(PolicyAction.REFUSE)
                        .build()))
            .build());

    // Then a polite refusal, nothing searched or generated
    ReplyGenerated reply = replies.readValue();
    assertThat(reply.getAction()).isEqualTo(ReplyAction.FALLBACK);
    assertThat(reply.getText()).startsWith("Sorry, I can't help");
    assertThat(requests.isEmpty()).isTrue();
  }

  @Test
  void shouldAcknowledgeAComplaintTheKnowledgeBaseCannotAnswer() {
    // Given a complaint without handoff and without a relevant passage
    send(question("c-1", "m-1", "Your courier was rude", OFF_TOPIC).setIntent("complaint").build());

    // Then an acknowledgement, not counted as unanswered
    ReplyGenerated reply = replies.readValue();
    assertThat(reply.getText()).contains("noted your complaint");
    assertThat(lastState("c-1").getUnansweredStreak()).isZero();
  }

  @Test
  void shouldAnswerAComplaintFromTheKnowledgeBaseWhenAPassageIsRelevant() {
    // Given a complaint whose vector matches the delivery row
    send(
        question("c-1", "m-1", "Delivery is taking forever!", DELIVERY)
            .setIntent("complaint")
            .build());

    // Then it goes to generation like a KB question
    assertThat(requests.readValue().getPassages().get(0).getId()).isEqualTo(faqId(DELIVERY));
  }

  @Test
  void shouldTellWhatItCanHelpWithForOutOfScopeMessages() {
    // Given an out-of-scope message far from every row
    send(
        question("c-1", "m-1", "Write me a poem", OFF_TOPIC)
            .setIntent("other")
            .setOutOfScope(true)
            .build());

    // Then the scope reply (CLARIFY), counted as unanswered
    ReplyGenerated reply = replies.readValue();
    assertThat(reply.getAction()).isEqualTo(ReplyAction.CLARIFY);
    assertThat(reply.getText()).startsWith("I can help with orders");
    assertThat(lastState("c-1").getUnansweredStreak()).isEqualTo(1);
  }

  @Test
  void shouldThankForFeedback() {
    send(message("c-1", "m-1", "Please add a dark mode", "feedback").build());
    assertThat(replies.readValue().getText()).startsWith("Thank you for your feedback");
  }

  @Test
  void shouldSearchKeywordsOnlyWhenTheVectorIsFromAnotherModel(@TempDir Path otherDir) {
    // Given a gate whose BM25 bar suits this five-row index, and a question embedded by a model
    // that did not build the English index
    try (RetrievalFixture keywordFixture =
        new RetrievalFixture(otherDir, Map.of("retrieval.relevance.min-bm25", "en=0.5,*=0.5"))) {
      TopologyHarness h = keywordFixture.harness;
      h.input(h.topics().messagesClassified())
          .pipeInput(
              "c-1",
              question("c-1", "m-1", "What do Gold members get?", GOLD)
                  .setEmbeddingModel("all-minilm-l6-v2")
                  .build());

      // Then the keyword search still finds the row, and the mismatch is counted
      GenerateReply request = h.output(h.topics().generationRequests()).readValue();
      assertThat(request.getPassages().get(0).getId()).isEqualTo(faqId(GOLD));
      assertThat(
              keywordFixture.registry.counter("retrieval.model.mismatch", "language", "en").count())
          .isEqualTo(1.0);
      DlqAssert.assertThat(h.dlq()).isEmpty();
    }
  }

  @Test
  void shouldExpandAFollowUpWithThePreviousQuestion() {
    // Given a question about Gold, then "And Silver?" whose own vector is weak
    send(question("c-1", "m-1", "What do Gold members get?", GOLD).build());
    send(question("c-1", "m-2", "And Silver?", SILVER).build());

    // Then the follow-up is searched with the previous question's text and vector
    List<GenerateReply> all = requests.readValuesToList();
    assertThat(all.get(1).getSearchQuery()).isEqualTo("And Silver? What do Gold members get?");
    assertThat(all.get(1).getPassages().get(0).getId()).isEqualTo(faqId(SILVER));
    assertThat(all.get(1).getHistory()).extracting(t -> t.getMessageId()).containsExactly("m-1");
  }

  @Test
  void shouldNotExpandAFollowUpAfterTheWindow() {
    send(question("c-1", "m-1", "What do Gold members get?", GOLD).build());
    fixture.harness.advanceWallClock(Duration.ofMinutes(11));
    send(question("c-1", "m-2", "And Silver?", SILVER).build());

    assertThat(requests.readValuesToList().get(1).getSearchQuery()).isEqualTo("And Silver?");
  }

  @Test
  void shouldReplyFromTheCacheWhenTheSameQuestionComesAgain() {
    // Given a question answered by generation, citing the FAQ row
    send(question("c-1", "m-1", "What is your return policy?", RETURNS).build());
    GenerateReply request = requests.readValue();
    replyToRequest(request, "Returns are accepted within 7 days.");

    // When another customer asks the same question (case and punctuation aside)
    send(question("c-2", "m-2", "what is your return policy", RETURNS).build());

    // Then the cached reply, and no generation request
    ReplyGenerated cached = replies.readValue();
    assertThat(cached.getCached()).isTrue();
    assertThat(cached.getInReplyTo()).isEqualTo("m-2");
    assertThat(cached.getConversationId()).isEqualTo("c-2");
    assertThat(cached.getText()).isEqualTo("Returns are accepted within 7 days.");
    assertThat(cached.getAction()).isEqualTo(ReplyAction.ANSWER);
    assertThat(cached.getCitations()).extracting(c -> c.getPassageId()).contains(faqId(RETURNS));
    assertThat(requests.isEmpty()).isTrue();
    assertThat(fixture.metrics.cacheHitRatio()).isEqualTo(0.5);
  }

  @Test
  void shouldMissTheCacheOnceTheKnowledgeBaseChanges() {
    // Given a cached answer
    send(question("c-1", "m-1", "What is your return policy?", RETURNS).build());
    replyToRequest(requests.readValue(), "Returns are accepted within 7 days.");

    // When the KB gets a new version (any document changes)
    fixture.index.delete("kb/zh/faq.csv");

    // Then the same question goes to generation again, from the new version
    send(question("c-2", "m-2", "What is your return policy?", RETURNS).build());
    GenerateReply again = requests.readValue();
    assertThat(again.getKbVersion()).isEqualTo(fixture.index.version());
    assertThat(replies.readValuesToList()).noneMatch(ReplyGenerated::getCached);
  }

  @Test
  void shouldNotCachePersonalQuestionsOrFollowUps() {
    // Given a question naming an order and a follow-up, both answered by generation
    send(question("c-1", "m-1", "Can I return order 2026031812345?", RETURNS).build());
    replyToRequest(requests.readValue(), "Yes, within 7 days.");
    send(question("c-1", "m-2", "and delivery?", DELIVERY).build());
    replyToRequest(requests.readValue(), "2-4 days.");

    // When both are asked again elsewhere
    send(question("c-2", "m-3", "Can I return order 2026031812345?", RETURNS).build());
    send(question("c-3", "m-4", "What is your return policy?", RETURNS).build());
    send(question("c-3", "m-5", "and delivery?", DELIVERY).build());

    // Then nothing comes from the cache
    assertThat(requests.readValuesToList()).hasSize(3);
    assertThat(replies.readValuesToList()).noneMatch(ReplyGenerated::getCached);
  }

  @Test
  void shouldNotCacheClarificationsOrHandoffs() {
    send(question("c-1", "m-1", "What is your return policy?", RETURNS).build());
    GenerateReply request = requests.readValue();
    fixture
        .harness
        .input(fixture.harness.topics().replies())
        .pipeInput(
            "c-1",
            Events.replyGenerated()
                .setConversationId("c-1")
                .setInReplyTo(request.getMessageId())
                .setAction(ReplyAction.FALLBACK)
                .setText("Sorry, try later")
                .build());
    send(question("c-2", "m-2", "What is your return policy?", RETURNS).build());
    assertThat(requests.readValuesToList()).hasSize(1);
  }

  private void replyToRequest(GenerateReply request, String text) {
    fixture
        .harness
        .input(fixture.harness.topics().replies())
        .pipeInput(
            request.getConversationId(),
            Events.replyGenerated()
                .setReplyId("r-" + request.getMessageId())
                .setConversationId(request.getConversationId())
                .setInReplyTo(request.getMessageId())
                .setText(text)
                .setAction(ReplyAction.ANSWER)
                .setKbVersion(request.getKbVersion())
                .setCitations(
                    List.of(
                        io.streamdesk.schemas.events.Citation.newBuilder()
                            .setPassageId(request.getPassages().get(0).getId())
                            .setDocumentId(request.getPassages().get(0).getDocumentId())
                            .setTitle(request.getPassages().get(0).getTitle())
                            .setSource(request.getPassages().get(0).getSource())
                            .setKbVersion(request.getKbVersion())
                            .build()))
                .build());
  }

  private ConversationState lastState(String conversationId) {
    Map<String, ConversationState> latest = conversations.readKeyValuesToMap();
    return latest.get(conversationId);
  }
}
