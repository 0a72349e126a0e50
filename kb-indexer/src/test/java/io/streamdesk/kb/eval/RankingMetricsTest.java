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
