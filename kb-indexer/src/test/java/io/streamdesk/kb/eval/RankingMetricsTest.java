package io.streamdesk.kb.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RankingMetricsTest {

  @Test
  void shouldAverageHitsReciprocalRanksAndNdcgOverQueries() {
    // Given four queries whose relevant FAQ came 1st, 3rd, 7th and not at all
    RankingMetrics metrics = new RankingMetrics();
    metrics.add(1);
    metrics.add(3);
    metrics.add(7);
    metrics.add(0);

    // When
    RankingMetrics.Summary s = metrics.summary();

    // Then (by hand: ndcg = 1/log2(rank + 1): 1, 0.5, 1/3)
    assertThat(s.hit1()).isEqualTo(0.25);
    assertThat(s.hit5()).isEqualTo(0.5);
    assertThat(s.hit10()).isEqualTo(0.75);
    assertThat(s.mrr10()).isCloseTo((1 + 1.0 / 3 + 1.0 / 7) / 4, within(1e-12));
    assertThat(s.ndcg10()).isCloseTo((1 + 0.5 + 1.0 / 3) / 4, within(1e-12));
  }

  @Test
  void shouldScoreAQueryWithSeveralRelevantItemsAgainstItsIdealRanking() {
    // Given a query with three relevant items ranked 1st, 2nd and 3rd, and one with two relevant
    // items of which only one came, 2nd
    RankingMetrics perfect = new RankingMetrics();
    perfect.add(new boolean[] {true, true, true, false}, 3);
    RankingMetrics partial = new RankingMetrics();
    partial.add(new boolean[] {false, true, false}, 2);

    // Then the perfect ranking scores 1 whichever relevant item a reader had in mind, and the
    // partial one (DCG 1/log2(3)) over the ideal DCG for two (1 + 1/log2(3))
    assertThat(perfect.summary().ndcg10()).isCloseTo(1.0, within(1e-12));
    assertThat(perfect.summary().mrr10()).isEqualTo(1.0);
    double twoIdeal = 1 + 1 / log2(3);
    assertThat(partial.summary().ndcg10()).isCloseTo((1 / log2(3)) / twoIdeal, within(1e-12));
    assertThat(partial.summary().mrr10()).isEqualTo(0.5);
    assertThat(partial.summary().hit1()).isZero();
    assertThat(partial.summary().hit5()).isEqualTo(1.0);
  }

  @Test
  void shouldRejectMoreRelevantItemsReturnedThanTheQueryHas() {
    assertThatThrownBy(() -> new RankingMetrics().add(new boolean[] {true, true}, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RankingMetrics().add(new boolean[] {false}, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  @Test
  void shouldIgnoreRanksBeyondTenForMrrAndNdcg() {
    RankingMetrics metrics = new RankingMetrics();
    metrics.add(11);

    RankingMetrics.Summary s = metrics.summary();

    assertThat(s.hit10()).isZero();
    assertThat(s.mrr10()).isZero();
    assertThat(s.ndcg10()).isZero();
  }

  @Test
  void shouldReportZerosForNoQueriesAndRejectNegativeRanks() {
    assertThat(new RankingMetrics().summary().ndcg10()).isZero();
    assertThatThrownBy(() -> new RankingMetrics().add(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldTakeNearestRankPercentiles() {
    long[] nanos = {5_000_000, 1_000_000, 3_000_000, 2_000_000, 4_000_000};

    assertThat(RetrievalEvaluation.percentileMs(nanos, 50)).isEqualTo(3.0);
    assertThat(RetrievalEvaluation.percentileMs(nanos, 99)).isEqualTo(5.0);
  }
}
