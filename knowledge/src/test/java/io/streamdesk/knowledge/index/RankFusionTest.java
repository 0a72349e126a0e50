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

  private static List<RankFusion.Scored<String>> vectorRanking(String... items) {
    List<RankFusion.Scored<String>> ranking = new java.util.ArrayList<>();
    for (int i = 0; i < items.length; i++) {
      ranking.add(new RankFusion.Scored<>(items[i], 0.9 - 0.01 * i));
    }
    return ranking;
  }

  @Test
  void shouldRankLikeTheVectorRankingWhenNoKeywordMatches() {
    List<RankFusion.Fused<String>> fused =
        RankFusion.hybrid(vectorRanking("a", "b", "c"), List.of(), HybridConfig.defaults());

    assertThat(fused).extracting(RankFusion.Fused::item).containsExactly("a", "b", "c");
  }

  @Test
  void shouldLetTheKeywordRankingReorderRowsTheVectorRankingPutsClose() {
    // Defaults k = 5, keyword weight 0.5: c (vector 3rd, BM25 1st) = 1/8 + 0.5/6 > a = 1/6.
    List<RankFusion.Fused<String>> fused =
        RankFusion.hybrid(vectorRanking("a", "b", "c", "d"), List.of("c"), HybridConfig.defaults());

    assertThat(fused).extracting(RankFusion.Fused::item).startsWith("c", "a");
  }

  @Test
  void shouldNotLetAKeywordMatchLiftARowTheVectorRankingPutsFarDown() {
    // h is 8th by vector: 1/13 + 0.5/6 < 1/6, so the vector's top row stays first; with k = 60 and
    // equal weights any keyword match would jump to the top.
    List<RankFusion.Fused<String>> fused =
        RankFusion.hybrid(
            vectorRanking("a", "b", "c", "d", "e", "f", "g", "h"),
            List.of("h"),
            HybridConfig.defaults());
    List<RankFusion.Fused<String>> classic =
        RankFusion.hybrid(
            vectorRanking("a", "b", "c", "d", "e", "f", "g", "h"),
            List.of("h"),
            HybridConfig.defaults().withRrfK(60).withWeights(1, 1));

    assertThat(fused.get(0).item()).isEqualTo("a");
    assertThat(classic.get(0).item()).isEqualTo("h");
  }

  @Test
  void shouldBreakEqualFusedScoresByTheBetterCosine() {
    // x: vector 1st, BM25 2nd; y: vector 2nd, BM25 1st: equal with equal weights.
    List<RankFusion.Fused<String>> fused =
        RankFusion.hybrid(
            List.of(new RankFusion.Scored<>("x", 0.8), new RankFusion.Scored<>("y", 0.7)),
            List.of("y", "x"),
            HybridConfig.defaults().withWeights(1, 1));

    assertThat(fused).extracting(RankFusion.Fused::item).containsExactly("x", "y");
  }
}
