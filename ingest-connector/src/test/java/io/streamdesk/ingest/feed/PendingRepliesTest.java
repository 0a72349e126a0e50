package io.streamdesk.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdesk.testkit.Events;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PendingRepliesTest {

  private final PendingReplies pending = new PendingReplies(Duration.ofMinutes(1), 100);

  @Test
  void shouldCompleteTheWaiterOfTheAnsweredMessage() {
    var waiting = pending.expect(Events.MESSAGE_ID);
    var other = pending.expect("m-2");

    pending.onReply(Events.replyGenerated().build());

    assertThat(waiting).isCompleted();
    assertThat(other).isNotDone();
  }

  @Test
  void shouldFindAReplyThatArrivedBeforeTheWaiter() {
    pending.onReply(Events.replyGenerated().build());

    assertThat(pending.expect(Events.MESSAGE_ID)).isCompleted();
    pending.forget(Events.MESSAGE_ID);
    assertThat(pending.pending()).isZero();
  }
}
