package io.streamdesk.knowledge.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageAnalyzerTest {

  private final LanguageAnalyzer analyzer = new LanguageAnalyzer();

  @Test
  void shouldIndexChineseAsCharactersAndBigramsAndLatinWordsWhole() {
    assertThat(analyzer.terms("zh", "订单没发货？LumaBot X1"))
        .containsExactly("订", "订单", "单", "单没", "没", "没发", "发", "发货", "货", "lumabot", "x1");
  }

  @Test
  void shouldFoldFullWidthFormsInChinese() {
    assertThat(analyzer.terms("zh", "Ｗｉ－Ｆｉ密码")).containsExactly("wi", "fi", "密", "密码", "码");
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
