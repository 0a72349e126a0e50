package io.streamdesk.knowledge.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RankFusionTest {

  @Test
  void shouldSumWeightedReciprocalRanks() {
    List<RankFusion.Fused<String>> fused =
        RankFusion.fuse(List.of(List.of("a", "b"), List.of("b", "c")), new double[] {1, 2}, 60);

    // b: 1/62 + 2/61, c: 2/62, a: 1/61
    assertThat(fused).extracting(RankFusion.Fused::item).containsExactly("b", "c", "a");
    assertThat(fused.get(0).score()).isCloseTo(1.0 / 62 + 2.0 / 61, within(1e-12));
    assertThat(fused.get(2).score()).isCloseTo(1.0 / 61, within(1e-12));
  }

  @Test
  void shouldKeepFirstAppearanceOrderOnTies() {
    List<RankFusion.Fused<String>> fused =
        RankFusion.fuse(List.of(List.of("x", "y"), List.of("y", "x")), new double[] {1, 1}, 60);

    assertThat(fused).extracting(RankFusion.Fused::item).containsExactly("x", "y");
  }
}
