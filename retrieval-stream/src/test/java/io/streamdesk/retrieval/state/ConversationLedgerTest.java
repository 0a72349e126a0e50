package io.streamdesk.retrieval.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdesk.schemas.events.ConversationState;
import io.streamdesk.schemas.events.ConversationStatus;
import io.streamdesk.schemas.events.MessageClassified;
import io.streamdesk.testkit.Events;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConversationLedgerTest {

  private final ConversationLedger ledger =
      new ConversationLedger(
          new StateSettings(
              2, 120, 3, 2, 40, Duration.ofHours(1), Duration.ofDays(1), Duration.ofMinutes(1)));

  private ConversationState say(ConversationState before, String id, String text, String intent) {
    MessageClassified m =
        Events.messageClassified().setMessageId(id).setMaskedText(text).setIntent(intent).build();
    return ledger.onCustomerMessage(before, m, MessageEffect.keep(), 1_000);
  }

  @Test
  void shouldStayBoundedHoweverLongTheConversation() {
    ConversationState s = null;
    for (int i = 0; i < 50; i++) {
      s = say(s, "m-" + i, "question number " + i + " about order 20260318" + (10000 + i), "x");
    }
    assertThat(s.getTurns()).hasSize(2);
    assertThat(s.getFacts()).hasSize(3).last().isEqualTo("order: 2026031810049");
    assertThat(s.getIntentHistory()).hasSize(2);
    assertThat(s.getSummary().length()).isLessThanOrEqualTo(120);
    assertThat(s.getTurnCount()).isEqualTo(50);
  }

  @Test
  void shouldCutLongTurnsAndDropFactlessSummaryLinesFirst() {
    ConversationState s = say(null, "m-1", "order 2026031812345 is late", "order_status");
    s = say(s, "m-2", "x".repeat(500), "other");
    s = say(s, "m-3", "hello there", "greeting");
    s = say(s, "m-4", "and another", "other");
    assertThat(s.getTurns().get(0).getText()).hasSizeLessThanOrEqualTo(40);
    assertThat(s.getSummary()).contains("2026031812345");
  }

  @Test
  void shouldCountUnansweredMessagesAndResetOnAnAnswer() {
    MessageEffect unanswered = new MessageEffect(MessageEffect.Streak.INCREMENT, false);
    ConversationState s = ledger.onCustomerMessage(null, message("m-1"), unanswered, 0);
    s = ledger.onCustomerMessage(s, message("m-2"), unanswered, 0);
    assertThat(s.getUnansweredStreak()).isEqualTo(2);
    s =
        ledger.onCustomerMessage(
            s, message("m-3"), new MessageEffect(MessageEffect.Streak.RESET, true), 0);
    assertThat(s.getUnansweredStreak()).isZero();
    assertThat(s.getStatus()).isEqualTo(ConversationStatus.HANDED_OFF);
  }

  private static MessageClassified message(String id) {
    return Events.messageClassified().setMessageId(id).build();
  }

  @Test
  void shouldRecordARedeliveredMessageOnce() {
    ConversationState s = say(null, "m-1", "where is order 2026031812345", "order_status");
    assertThat(say(s, "m-1", "where is order 2026031812345", "order_status")).isEqualTo(s);
  }

  @Test
  void shouldBeIdleAfterTheTimeoutAndExpireAfterTheRetention() {
    ConversationState s = say(null, "m-1", "hi", "greeting");
    long hour = Duration.ofHours(1).toMillis();
    assertThat(ledger.isIdle(s, 1_000 + hour - 1)).isFalse();
    assertThat(ledger.isIdle(s, 1_000 + hour)).isTrue();
    ConversationState closed = ledger.close(s);
    assertThat(ledger.isIdle(closed, 1_000 + 2 * hour)).isFalse();
    assertThat(ledger.isExpired(closed, 1_000 + hour + Duration.ofDays(1).toMillis())).isTrue();
  }
}
