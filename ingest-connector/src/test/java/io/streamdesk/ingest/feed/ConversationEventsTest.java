package io.streamdesk.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdesk.ingest.intake.ApiProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConversationEventsTest {

  private static final Duration NO_WAIT = Duration.ZERO;

  private final ConversationEvents events =
      new ConversationEvents(8, Duration.ofMinutes(10), 1_000_000, 10, 2);

  private static StreamEvent chunk(String conversation, long offset, String messageId) {
    return new StreamEvent(conversation, StreamEvent.Kind.CHUNK, offset, messageId, "c" + offset);
  }

  private static StreamEvent reply(String conversation, long offset, String messageId) {
    return new StreamEvent(conversation, StreamEvent.Kind.REPLY, offset, messageId, "r" + offset);
  }

  private static List<String> drain(ConversationEvents.Subscription s) throws Exception {
    List<String> out = new ArrayList<>();
    Optional<StreamEvent> e;
    while ((e = s.next(NO_WAIT)).isPresent()) {
      out.add(e.get().json());
    }
    return out;
  }

  @Test
  void shouldStreamOnlyNewEventsWithoutCursor() throws Exception {
    events.publish(chunk("c1", 0, "m1"));

    try (var s = events.subscribe("c1", Optional.empty())) {
      events.publish(chunk("c1", 1, "m1"));
      events.publish(chunk("c2", 5, "m9"));

      assertThat(drain(s)).containsExactly("c1");
      assertThat(s.cursor().format()).isEqualTo("-1.1.-1");
    }
  }

  @Test
  void shouldReplayEventsAfterTheCursorThenContinueLive() throws Exception {
    events.publish(chunk("c1", 0, "m1"));
    events.publish(chunk("c1", 1, "m1"));
    events.publish(chunk("c1", 2, "m1"));

    try (var s = events.subscribe("c1", Optional.of(new EventCursor(-1, 0, -1)))) {
      events.publish(chunk("c1", 3, "m1"));

      assertThat(drain(s)).containsExactly("c1", "c2", "c3");
    }
  }

  @Test
  void shouldDropAReplysChunksOnceTheReplyArrives() throws Exception {
    events.publish(chunk("c1", 0, "m1"));
    events.publish(chunk("c1", 1, "m1"));
    events.publish(reply("c1", 0, "m1"));

    try (var s = events.subscribe("c1", Optional.of(EventCursor.START))) {
      assertThat(drain(s)).containsExactly("r0");
    }
  }

  @Test
  void shouldEndAStreamWhoseReaderFallsBehind() throws Exception {
    try (var s = events.subscribe("c1", Optional.empty())) {
      for (int i = 0; i < 2000; i++) {
        events.publish(chunk("c1", i, "m1"));
      }

      assertThatThrownBy(() -> drain(s))
          .isInstanceOfSatisfying(
              ConversationEvents.StreamEnded.class, e -> assertThat(e.overflowed()).isTrue());
    }
  }

  @Test
  void shouldLimitStreamsPerConversationAndReleaseThemOnClose() {
    var a = events.subscribe("c1", Optional.empty());
    var b = events.subscribe("c1", Optional.empty());

    assertThatThrownBy(() -> events.subscribe("c1", Optional.empty()))
        .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(429));
    a.close();
    b.close();
    assertThat(events.activeStreams()).isZero();
    events.subscribe("c1", Optional.empty()).close();
  }

  @Test
  void shouldEndEveryStreamOnClose() {
    var s = events.subscribe("c1", Optional.empty());

    events.close();

    assertThatThrownBy(() -> s.next(Duration.ofSeconds(5)))
        .isInstanceOf(ConversationEvents.StreamEnded.class);
    assertThatThrownBy(() -> events.subscribe("c2", Optional.empty()))
        .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(503));
  }
}
