package io.streamdesk.kb.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SampleKbTextsTest {

  @Test
  void shouldCutThePackagedSampleKbIntoFaqRowsAndShortPieces() {
    for (String language : List.of("zh", "en")) {
      List<String> texts = SampleKbTexts.forLanguage(language).texts();

      // 68 FAQ rows plus the five documents' pieces.
      assertThat(texts.size()).as(language).isGreaterThan(68 + 5);
      assertThat(texts).allSatisfy(t -> assertThat(t).isNotBlank());
    }
  }

  @Test
  void shouldPackParagraphsUnderTheirHeadingUpToTheLimit() {
    String para = "x".repeat(300);
    List<String> pieces =
        SampleKbTexts.markdownPieces(
            "# Returns\n\n" + para + "\n\n" + para + "\n\n## Fees\n\nNone.");

    assertThat(pieces).containsExactly("Returns\n" + para, "Returns\n" + para, "Fees\nNone.");
  }

  @Test
  void shouldRejectALanguageWithoutSampleKb() {
    assertThatThrownBy(() -> SampleKbTexts.forLanguage("fr"))
        .hasMessageContaining("sample-kb/fr/faq.csv");
  }
}
