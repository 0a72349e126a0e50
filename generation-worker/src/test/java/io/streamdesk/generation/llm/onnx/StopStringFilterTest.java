package io.streamdesk.generation.llm.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StopStringFilterTest {

  @Test
  void shouldHoldBackAPossibleStopPrefixUntilItIsDecided() {
    StopStringFilter filter = new StopStringFilter(List.of("</answer>"));

    assertThat(filter.append("Refunds take 3 days.</")).isEqualTo("Refunds take 3 days.");
    assertThat(filter.append("ans")).isEmpty();
    assertThat(filter.append("wer> trailing")).isEmpty();

    assertThat(filter.stopped()).isTrue();
    assertThat(filter.text()).isEqualTo("Refunds take 3 days.");
  }

  @Test
  void shouldReleaseHeldTextThatTurnsOutNotToBeAStop() {
    StopStringFilter filter = new StopStringFilter(List.of("STOP"));

    assertThat(filter.append("ST")).isEmpty();
    assertThat(filter.append("AY here")).isEqualTo("STAY here");
    assertThat(filter.append(" S")).isEqualTo(" ");
    assertThat(filter.finish()).isEqualTo("S");
    assertThat(filter.stopped()).isFalse();
    assertThat(filter.text()).isEqualTo("STAY here S");
  }

  @Test
  void shouldCutAtTheEarliestOfSeveralStops() {
    StopStringFilter filter = new StopStringFilter(List.of("用户：", "\n\n"));

    String streamed = filter.append("好的。\n\n用户：再见");

    assertThat(streamed).isEqualTo("好的。");
    assertThat(filter.text()).isEqualTo("好的。");
  }

  @Test
  void shouldPassEverythingWithoutStops() {
    StopStringFilter filter = new StopStringFilter(List.of());

    assertThat(filter.append("abc")).isEqualTo("abc");
    assertThat(filter.finish()).isEmpty();
  }
}
