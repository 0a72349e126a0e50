package io.streamdesk.knowledge.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageAnalyzerTest {

  private final LanguageAnalyzer analyzer = new LanguageAnalyzer();

  @Test
  void shouldSegmentChineseAndDropFunctionWords() {
    assertThat(analyzer.terms("zh", "我的订单怎么还没发货？")).containsExactly("订单", "没", "发货");
  }

  @Test
  void shouldStemEnglishAndDropStopWords() {
    assertThat(analyzer.terms("en", "Where are my refunds?"))
        .containsExactly("where", "my", "refund");
  }

  @Test
  void shouldTokeniseOtherLanguagesWithTheStandardAnalyzer() {
    assertThat(analyzer.terms("fr", "Où est ma commande"))
        .containsExactly("où", "est", "ma", "commande");
  }
}
