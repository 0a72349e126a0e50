package io.streamdesk.knowledge.index.qdrant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamdesk.knowledge.index.lucene.LanguageAnalyzer;
import org.junit.jupiter.api.Test;

class SparseBm25Test {

  private final SparseBm25 bm25 = new SparseBm25(new LanguageAnalyzer(), 4);

  @Test
  void shouldWeightTermFrequencyWithBm25Saturation() {
    // English analysis: "refunds" and "refund" stem alike, "the" is a stop word; 4 tokens = avgdl.
    SparseBm25.SparseVector v = bm25.document("en", "refund refunds the card policy");

    int refund = v.indices().indexOf(SparseBm25.index("refund"));
    int card = v.indices().indexOf(SparseBm25.index("card"));
    // tf (k1 + 1) / (tf + k1) with dl = avgdl
    assertThat(v.values().get(refund)).isCloseTo((float) (2 * 2.2 / (2 + 1.2)), within(1e-6f));
    assertThat(v.values().get(card)).isCloseTo((float) (2.2 / 2.2), within(1e-6f));
    assertThat(v.indices()).isSorted().doesNotHaveDuplicates().hasSize(3);
  }

  @Test
  void shouldGiveEachDistinctQueryTermWeightOne() {
    SparseBm25.SparseVector q = bm25.query("zh", "退款退款怎么办");

    assertThat(q.values()).allSatisfy(x -> assertThat(x).isEqualTo(1f));
    assertThat(q.indices()).doesNotHaveDuplicates().contains(SparseBm25.index("退款"));
  }

  @Test
  void shouldBeEmptyForStopWordsOnly() {
    assertThat(bm25.query("en", "the of and").isEmpty()).isTrue();
  }
}
