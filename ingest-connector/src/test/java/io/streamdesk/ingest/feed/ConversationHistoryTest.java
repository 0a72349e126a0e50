package io.streamdesk.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdesk.testkit.Events;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConversationHistoryTest {

  private final ConversationHistory history =
      new ConversationHistory(1_000_000, 3, Duration.ofHours(1));

  @Test
  void shouldOrderTurnsByTimeWhateverFeedDeliveredFirst() {
    // The reply feed can be ahead of the inbound feed.
    history.onReply(Events.replyGenerated().setGeneratedAt(Events.AT.plusSeconds(1)).build());
    history.onInbound(Events.customerMessage().build());

    var turns = history.get(Events.CONVERSATION_ID).orElseThrow().turns();

    assertThat(turns)
        .extracting(ConversationHistory.Turn::role)
        .containsExactly(ConversationHistory.Role.USER, ConversationHistory.Role.ASSISTANT);
    assertThat(turns.get(1).reply()).isPresent();
  }

  @Test
  void shouldIgnoreRecordsReadTwiceAndKeepOnlyTheLatestTurns() {
    for (int i = 0; i < 5; i++) {
      history.onInbound(
          Events.customerMessage()
              .setMessageId("m" + i)
              .setReceivedAt(Events.AT.plusSeconds(i))
              .build());
    }
    history.onInbound(
        Events.customerMessage()
            .setMessageId("m4")
            .setReceivedAt(Events.AT.plusSeconds(4))
            .build());

    var turns = history.get(Events.CONVERSATION_ID).orElseThrow().turns();

    assertThat(turns)
        .extracting(ConversationHistory.Turn::messageId)
        .containsExactly("m2", "m3", "m4");
  }

  @Test
  void shouldRememberTheHandoff() {
    history.onHandoff(Events.handoffRequested().build());

    assertThat(history.get(Events.CONVERSATION_ID).orElseThrow().handoff()).isPresent();
    assertThat(history.get("unknown")).isEmpty();
  }
}
