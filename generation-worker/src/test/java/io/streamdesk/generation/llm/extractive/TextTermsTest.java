package io.streamdesk.generation.llm.extractive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class TextTermsTest {

  @Test
  void shouldTurnChineseIntoCharacterBigramsAndEnglishIntoWords() {
    assertThat(TextTerms.terms("保修期多久 Return the item"))
        .containsExactly("保修", "修期", "期多", "多久", "return", "item");
  }

  @Test
  void shouldSkipMaskingPlaceholders() {
    assertThat(TextTerms.terms("call me at [PHONE_1] please")).containsExactly("call");
  }

  @Test
  void shouldMeasureCoverageAsTheShareOfTermsFoundPluralsIncluded() {
    Set<String> question = TextTerms.termSet("refund within days");
    Set<String> sentence = TextTerms.termSet("Refunds arrive in 5 business days");

    assertThat(TextTerms.coverage(question, sentence)).isEqualTo(2.0 / 3);
  }

  @Test
  void shouldReduceEnglishPluralsToTheSingular() {
    assertThat(TextTerms.terms("refunds policies days address bus"))
        .containsExactly("refund", "policy", "day", "address", "bus");
  }

  @Test
  void shouldSplitChineseAndEnglishSentencesKeepingNumbersWhole() {
    assertThat(Sentences.split("运费3.5元。七天无理由退货！Ships in 2.5 days. Ask us?"))
        .containsExactly("运费3.5元。", "七天无理由退货！", "Ships in 2.5 days.", "Ask us?");
  }
}
