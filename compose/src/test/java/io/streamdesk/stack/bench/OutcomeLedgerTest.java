package io.streamdesk.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdesk.schemas.events.ReplyAction;
import io.streamdesk.schemas.events.ReplyGenerated;
import io.streamdesk.stack.bench.BenchConversations.Script;
import io.streamdesk.stack.bench.ConversationSlots.Message;
import io.streamdesk.stack.bench.ConversationSlots.Slot;
import io.streamdesk.testkit.Events;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutcomeLedgerTest {

  private final List<Slot> released = new ArrayList<>();
  private final OutcomeLedger ledger = new OutcomeLedger(released::add);
  private final Slot slot =
      new ConversationSlots(List.of(new Script("s", "en", List.of("a", "b", "c"))), 1, "r")
          .all()
          .getFirst();

  private static ReplyGenerated reply(Message m) {
    return Events.replyGenerated()
        .setInReplyTo(m.messageId())
        .setAction(ReplyAction.ANSWER)
        .setTimings(Map.of("intent", 12L))
        .build();
  }

  @Test
  void shouldCountASecondReplyAsADuplicateAndFreeTheCustomerOnce() {
    Message m = slot.next();
    ledger.sent(m, 1_000, true);

    ledger.replied(reply(m), 5_000_000);
    ledger.replied(reply(m), 6_000_000);

    assertThat(ledger.replied()).isEqualTo(1);
    assertThat(ledger.duplicates()).isEqualTo(1);
    assertThat(ledger.outstanding()).isZero();
    assertThat(released).containsExactly(slot);
    assertThat(ledger.stages()).containsKey("intent");
    assertThat(ledger.endToEnd().count()).isEqualTo(1);
  }

  @Test
  void shouldMatchADeadLetterByItsInboundOffsetWhenItHasNoMessageId() {
    Message m = slot.next();
    ledger.sent(m, 0, true);
    ledger.appended(m.messageId(), 2, 41);

    ledger.deadLettered(null, 2, 41L, 10);

    assertThat(ledger.deadLettered()).isEqualTo(1);
    assertThat(ledger.outstanding()).isZero();
    assertThat(released).containsExactly(slot);
  }

  @Test
  void shouldCountWarmUpMessagesApartAndTimeOutSilentOnes() {
    Message warm = slot.next();
    Message lost = slot.next();
    ledger.sent(warm, 0, false);
    ledger.sent(lost, 10, true);

    ledger.sweep(1_000, 100);

    assertThat(ledger.warmupSent()).isEqualTo(1);
    assertThat(ledger.sent()).isEqualTo(1);
    assertThat(ledger.timedOut()).isEqualTo(2);
    assertThat(ledger.outstanding()).isEqualTo(1);
    assertThat(released).hasSize(2);
  }
}
