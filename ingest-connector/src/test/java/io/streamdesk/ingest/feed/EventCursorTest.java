package io.streamdesk.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventCursorTest {

  private static StreamEvent event(StreamEvent.Kind kind, long offset) {
    return new StreamEvent("c", kind, offset, "m", "{}");
  }

  @Test
  void shouldAdvanceOnlyTheOffsetOfTheEventsTopic() {
    EventCursor cursor =
        EventCursor.START
            .after(event(StreamEvent.Kind.CHUNK, 7))
            .after(event(StreamEvent.Kind.REPLY, 2));

    assertThat(cursor.format()).isEqualTo("2.7.-1");
    assertThat(cursor.precedes(event(StreamEvent.Kind.CHUNK, 8))).isTrue();
    assertThat(cursor.precedes(event(StreamEvent.Kind.CHUNK, 7))).isFalse();
    assertThat(cursor.precedes(event(StreamEvent.Kind.HANDOFF, 0))).isTrue();
  }

  @Test
  void shouldParseWhatItFormats() {
    EventCursor cursor = new EventCursor(12, 340, -1);

    assertThat(EventCursor.parse(cursor.format())).isEqualTo(cursor);
  }

  @Test
  void shouldRefuseMalformedIds() {
    assertThatThrownBy(() -> EventCursor.parse("1.2")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EventCursor.parse("a.b.c"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EventCursor.parse("1.2.-5"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
