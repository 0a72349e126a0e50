package io.streamdesk.retrieval.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdCalibrationTest {

  @Test
  void shouldPickTheLowestThresholdThatSeparatesBest() {
    ThresholdCalibration.Choice c =
        ThresholdCalibration.choose(List.of(0.7, 0.8, 0.9), List.of(0.4, 0.5, 0.65));
    assertThat(c.threshold()).isCloseTo(0.675, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(c.recall()).isEqualTo(1.0);
    assertThat(c.falseAccept()).isZero();
  }

  @Test
  void shouldTradeRecallAgainstFalseAcceptanceWhenTheyOverlap() {
    ThresholdCalibration.Choice c =
        ThresholdCalibration.choose(List.of(0.6, 0.8, 0.9, 0.95), List.of(0.5, 0.7, Double.NaN));
    assertThat(c.threshold()).isCloseTo(0.75, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(c.recall()).isEqualTo(0.75);
    assertThat(ThresholdCalibration.at(0.6, List.of(0.6, 0.8), List.of(0.7)).falseAccept())
        .isEqualTo(1.0);
  }
}
