package io.streamdesk.retrieval.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuestionKeyTest {

  @Test
  void shouldShareAKeyAcrossCaseWidthAndPunctuation() {
    assertThat(QuestionKey.of("What's your return policy?", "en", "after_sales", 7))
        .isEqualTo(QuestionKey.of("whats  your RETURN policy", "en", "after_sales", 7));
    assertThat(QuestionKey.of("可以无理由退货吗？", "zh", "after_sales", 7))
        .isEqualTo(QuestionKey.of("可以无理由退货吗?", "zh", "after_sales", 7));
  }

  @Test
  void shouldSeparateIntentsLanguagesAndKbVersions() {
    String key = QuestionKey.of("return policy", "en", "after_sales", 7).orElseThrow();
    assertThat(QuestionKey.of("return policy", "en", "product_inquiry", 7)).get().isNotEqualTo(key);
    assertThat(QuestionKey.of("return policy", "en", "after_sales", 8)).get().isNotEqualTo(key);
    assertThat(QuestionKey.kbVersionOf(key)).isEqualTo(7);
  }

  @Test
  void shouldNeverKeyPersonalOrLongQuestions() {
    assertThat(QuestionKey.of("where is order 2026031812345", "en", "order_status", 1)).isEmpty();
    assertThat(QuestionKey.of("call me at [PHONE_1]", "en", "other", 1)).isEmpty();
    assertThat(QuestionKey.of("?!", "en", "other", 1)).isEmpty();
    assertThat(QuestionKey.of("why ".repeat(80), "en", "other", 1)).isEmpty();
  }
}
