package io.streamdesk.intent;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdesk.intent.text.TextPipeline;
import io.streamdesk.schemas.events.HandoffPriority;
import io.streamdesk.schemas.events.HandoffReason;
import io.streamdesk.testkit.Events;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HandoffDeciderTest {

  private static final TextPipeline TEXT = TextPipeline.withDefaults();
  private static final long T0 = 1_000_000L;

  private final HandoffDecider decider = new HandoffDecider(HandoffRules.defaults());

  @Test
  void shouldHandOffOnTheSecondLowConfidenceTurnInARow() {
    // Given a conversation whose first turn was out of scope
    HandoffDecider.Decision first =
        decider.decide(message("m-1", "what is the weather", oos()), null, T0);
    assertThat(first.handoff()).isEmpty();
    assertThat(first.memory().lowConfidenceStreak()).isEqualTo(1);

    // When the next turn is unclear too
    HandoffDecider.Decision second =
        decider.decide(message("m-2", "hmm ok", lowConfidence()), first.memory(), T0 + 10_000);

    // Then it hands off as LOW_CONFIDENCE with both turns, and the streak starts again
    assertThat(second.handoff())
        .hasValueSatisfying(
            h -> {
              assertThat(h.reason()).isEqualTo(HandoffReason.LOW_CONFIDENCE);
              assertThat(h.priority()).isEqualTo(HandoffPriority.NORMAL);
              assertThat(h.detail()).contains("2 low-confidence turns in a row");
            });
    assertThat(second.memory().lowConfidenceStreak()).isZero();
    assertThat(second.memory().turns())
        .extracting(ConversationMemory.Turn::messageId)
        .containsExactly("m-1", "m-2");
  }

  @Test
  void shouldResetTheStreakOnAConfidentTurn() {
    // Given an unclear turn, then a clear one
    HandoffDecider.Decision first = decider.decide(message("m-1", "blah", oos()), null, T0);
    HandoffDecider.Decision clear =
        decider.decide(
            message("m-2", "where is my order", confident("order_status")), first.memory(), T0 + 1);

    // When another unclear turn follows
    HandoffDecider.Decision third =
        decider.decide(message("m-3", "blah blah", oos()), clear.memory(), T0 + 2);

    // Then no handoff: the unclear turns were not in a row
    assertThat(clear.memory().lowConfidenceStreak()).isZero();
    assertThat(third.handoff()).isEmpty();
    assertThat(third.memory().lowConfidenceStreak()).isEqualTo(1);
  }

  @Test
  void shouldForgetAStreakAfterTheMemoryTtl() {
    // Given an unclear turn
    HandoffDecider.Decision first = decider.decide(message("m-1", "blah", oos()), null, T0);

    // When the next unclear turn comes after the conversation went idle for longer than the TTL
    long later = T0 + HandoffRules.defaults().memoryTtl().toMillis() + 1;
    HandoffDecider.Decision second =
        decider.decide(message("m-2", "blah", oos()), first.memory(), later);

    // Then the conversation started afresh
    assertThat(second.handoff()).isEmpty();
    assertThat(second.memory().turns())
        .extracting(ConversationMemory.Turn::messageId)
        .containsExactly("m-2");
  }

  @Test
  void shouldPreferTheTextPipelineSignalOverTheLowConfidenceRule() {
    // Given an unclear turn
    HandoffDecider.Decision first = decider.decide(message("m-1", "blah", oos()), null, T0);

    // When the customer asks for a human in an unclear second turn
    HandoffDecider.Decision second =
        decider.decide(message("m-2", "我要转人工", lowConfidence()), first.memory(), T0 + 1);

    // Then the request wins and the streak is reset
    assertThat(second.handoff())
        .map(HandoffDecider.Handoff::reason)
        .hasValue(HandoffReason.USER_REQUEST);
    assertThat(second.memory().lowConfidenceStreak()).isZero();
  }

  @Test
  void shouldHandOffWhenTheClassifierConfidentlyPredictsAHumanIntent() {
    // Given wording no phrase rule knows, classified as human_agent with confidence
    AnalysedMessage message =
        message("m-1", "is there somebody real around", confident("human_agent"));

    // When the rules run
    HandoffDecider.Decision decision = decider.decide(message, null, T0);

    // Then it is a USER_REQUEST naming the classifier
    assertThat(decision.handoff())
        .hasValueSatisfying(
            h -> {
              assertThat(h.reason()).isEqualTo(HandoffReason.USER_REQUEST);
              assertThat(h.detail()).contains("classifier").contains("human_agent");
            });
  }

  @Test
  void shouldNotTrustAnUnsureHumanIntent() {
    // Given human_agent predicted below the low-confidence threshold
    Classification unsure =
        new Classification(
            "human_agent",
            0.4,
            List.of(new Classification.Candidate("human_agent", 0.4)),
            false,
            "v1");

    // When the rules run
    HandoffDecider.Decision decision = decider.decide(message("m-1", "hm", unsure), null, T0);

    // Then only the streak counts it
    assertThat(decision.handoff()).isEmpty();
    assertThat(decision.lowConfidence()).isTrue();
  }

  @Test
  void shouldHandOffAConfidentlyClassifiedComplaintTheLexiconFindsTooMild() {
    // Given a plain complaint, below the lexicon's threshold, classified as complaint with
    // confidence
    AnalysedMessage message = message("m-1", "我要投诉你们的快递员", confident("complaint"));

    // When the rules run
    HandoffDecider.Decision decision = decider.decide(message, null, T0);

    // Then it is a COMPLAINT handoff naming the classifier
    assertThat(decision.handoff())
        .hasValueSatisfying(
            h -> {
              assertThat(h.reason()).isEqualTo(HandoffReason.COMPLAINT);
              assertThat(h.detail()).contains("classifier").contains("complaint");
            });
  }

  @Test
  void shouldKeepAnImpatientQuestionWithoutComplaintWordingWithTheAssistant() {
    // Given an impatient question the classifier reads as a complaint, with no complaint wording
    AnalysedMessage message = message("m-1", "等了二十分钟状态还是没变，那扣的钱怎么办？", confident("complaint"));

    // When the rules run
    HandoffDecider.Decision decision = decider.decide(message, null, T0);

    // Then no handoff: retrieval can still answer it
    assertThat(decision.handoff()).isEmpty();
  }

  @Test
  void shouldHandOffAStrongComplaintWithItsPriority() {
    // When a complaint with strong negative wording arrives
    HandoffDecider.Decision decision =
        decider.decide(message("m-1", "你们就是骗子，我要投诉你们，太垃圾了", confident("complaint")), null, T0);

    // Then it is a COMPLAINT handoff
    assertThat(decision.handoff())
        .map(HandoffDecider.Handoff::reason)
        .hasValue(HandoffReason.COMPLAINT);
  }

  @Test
  void shouldKeepOnlyTheConfiguredNumberOfRecentTurns() {
    // Given rules that remember two turns
    HandoffDecider two =
        new HandoffDecider(
            new HandoffRules(
                0.7, 5, Duration.ofMinutes(30), Duration.ofMinutes(5), 2, Set.of(), Set.of()));
    ConversationMemory memory = null;

    // When three turns arrive
    for (int i = 1; i <= 3; i++) {
      memory =
          two.decide(message("m-" + i, "hello " + i, confident("greeting")), memory, T0 + i)
              .memory();
    }

    // Then the last two are remembered, oldest first
    assertThat(memory.turns())
        .extracting(ConversationMemory.Turn::messageId)
        .containsExactly("m-2", "m-3");
    assertThat(memory.lastActiveAt()).isEqualTo(T0 + 3);
  }

  private static AnalysedMessage message(String id, String text, Classification c) {
    return new AnalysedMessage(
        Events.customerMessage("c-1", id, text),
        TEXT.process(text),
        "en",
        "model",
        new float[] {1f},
        c,
        0L);
  }

  private static Classification confident(String intent) {
    return new Classification(
        intent, 0.95, List.of(new Classification.Candidate(intent, 0.95)), false, "v1");
  }

  private static Classification lowConfidence() {
    return new Classification(
        "feedback", 0.41, List.of(new Classification.Candidate("feedback", 0.41)), false, "v1");
  }

  private static Classification oos() {
    return new Classification(
        "greeting", 0.31, List.of(new Classification.Candidate("greeting", 0.31)), true, "v1");
  }
}
