package io.streamdesk.runtime.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdesk.schemas.events.HandoffReason;
import org.junit.jupiter.api.Test;

class OutcomeTest {

  @Test
  void shouldMapAndChainOnlyOkValues() {
    Outcome<Integer> ok = Outcome.ok(2);
    assertThat(ok.map(v -> v * 10).value()).isEqualTo(20);
    assertThat(ok.flatMap(v -> Outcome.<String>dlq("TOO_SMALL", "value " + v)).isDlq()).isTrue();

    Outcome<Integer> handoff = Outcome.handoff(HandoffReason.COMPLAINT, "angry");
    assertThat(handoff.map(v -> v * 10)).isSameAs(handoff);
    assertThat(handoff.isHandoff()).isTrue();
  }

  @Test
  void shouldRefuseToTakeTheValueOfAFailure() {
    Outcome<String> dlq = Outcome.dlq("EMPTY_TEXT", "no text");
    assertThatThrownBy(dlq::value)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("EMPTY_TEXT");
  }

  @Test
  void shouldSwitchExhaustively() {
    Outcome<String> outcome = Outcome.handoff(HandoffReason.USER_REQUEST, "");
    String route =
        switch (outcome) {
          case Outcome.Ok<String> ok -> "out";
          case Outcome.Dlq<String> d -> "dlq";
          case Outcome.Handoff<String> h -> "handoff:" + h.reason();
        };
    assertThat(route).isEqualTo("handoff:USER_REQUEST");
  }
}
