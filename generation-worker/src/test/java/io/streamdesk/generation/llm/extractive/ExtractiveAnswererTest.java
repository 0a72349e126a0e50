package io.streamdesk.generation.llm.extractive;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdesk.generation.reply.Draft;
import io.streamdesk.generation.testing.Kb;
import io.streamdesk.schemas.events.GenerateReply;
import io.streamdesk.schemas.events.ReplyAction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractiveAnswererTest {

  private final ExtractiveAnswerer answerer = new ExtractiveAnswerer(ExtractiveSettings.defaults());

  @Test
  void shouldAnswerWithTheFaqAnswerAsItIsWhenTheBestPassageIsAnFaqRow() {
    // Given a Chinese question whose best passage is an FAQ row
    GenerateReply request =
        Kb.chineseWarrantyQuestion()
            .setUserText("北京下单多久能收到？")
            .setPassages(List.of(Kb.DELIVERY_FAQ_ZH, Kb.WARRANTY_ZH))
            .build();

    // When
    ExtractiveAnswer answer = answerer.answer(request);

    // Then the FAQ's own answer is the reply, citing that row
    assertThat(answer.kind()).isEqualTo(ExtractiveAnswer.Kind.FAQ);
    assertThat(answer.text()).isEqualTo("北京地区一般下单后1到2天送达。");
    assertThat(answer.cited()).containsExactly(Kb.DELIVERY_FAQ_ZH);
  }

  @Test
  void shouldAnswerAnEnglishFaqWithItsAnswer() {
    GenerateReply request =
        Kb.englishReturnsQuestion()
            .setUserText("Can I pay with PayPal?")
            .setPassages(List.of(Kb.PAYMENT_FAQ_EN, Kb.SHIPPING_EN))
            .build();

    ExtractiveAnswer answer = answerer.answer(request);

    assertThat(answer.text()).isEqualTo("We accept credit cards, PayPal and Alipay.");
    assertThat(answer.cited()).containsExactly(Kb.PAYMENT_FAQ_EN);
  }

  @Test
  void shouldQuoteTheEnglishSentencesThatShareMostTermsWithTheQuestion() {
    // Given a question about returns and a policy document with unrelated sentences too
    GenerateReply request = Kb.englishReturnsQuestion().build();

    // When
    ExtractiveAnswer answer = answerer.answer(request);

    // Then the return and refund sentences are quoted in reading order, the rest is left out
    assertThat(answer.kind()).isEqualTo(ExtractiveAnswer.Kind.SENTENCES);
    assertThat(answer.text())
        .startsWith("You can return any item within 30 days of delivery for a full refund.")
        .contains("Refunds go back to the original payment method")
        .doesNotContain("founded in 2015")
        .doesNotContain("Gift cards");
    assertThat(answer.cited()).containsExactly(Kb.RETURNS_EN);
  }

  @Test
  void shouldQuoteChineseSentencesMatchedByCharacterBigrams() {
    // Given a Chinese question and a passage without spaces between words
    GenerateReply request = Kb.chineseWarrantyQuestion().build();

    // When
    ExtractiveAnswer answer = answerer.answer(request);

    // Then the warranty sentences are found, the opening hours are not, joined without spaces
    assertThat(answer.text())
        .startsWith("本店所有电子产品提供一年免费保修。")
        .doesNotContain("营业时间")
        .doesNotContain(" ");
    assertThat(answer.cited()).containsExactly(Kb.WARRANTY_ZH);
  }

  @Test
  void shouldFindNothingWhenNoPassageTalksAboutTheQuestion() {
    GenerateReply request =
        Kb.englishReturnsQuestion()
            .setUserText("Do you sell concert tickets?")
            .setSearchQuery("")
            .setPassages(List.of(Kb.SHIPPING_EN))
            .build();

    ExtractiveAnswer answer = answerer.answer(request);

    assertThat(answer.found()).isFalse();
    assertThat(answer.cited()).isEmpty();
  }

  @Test
  void shouldStreamAnExtractiveReplySentenceBySentence() {
    // Given the extractive backend
    ExtractiveReplyGenerator generator = new ExtractiveReplyGenerator(answerer);
    List<String> deltas = new ArrayList<>();

    // When it answers
    Draft draft = generator.generate(Kb.englishReturnsQuestion().build(), deltas::add).join();

    // Then the text arrives in several pieces that concatenate to the reply
    assertThat(deltas).hasSizeGreaterThan(1);
    assertThat(String.join("", deltas)).isEqualTo(draft.text());
    assertThat(draft.source()).isEqualTo(Draft.Source.EXTRACTIVE);
    assertThat(draft.suggestedAction()).isEqualTo(ReplyAction.ANSWER);
    assertThat(draft.model()).isEqualTo("extractive");
  }

  @Test
  void shouldSayNotFoundInTheCustomersLanguageWhenNothingAnswers() {
    ExtractiveReplyGenerator generator = new ExtractiveReplyGenerator(answerer);

    Draft zh =
        generator
            .generate(Kb.chineseWarrantyQuestion().setPassages(List.of()).build(), d -> {})
            .join();
    Draft en =
        generator
            .generate(Kb.englishReturnsQuestion().setPassages(List.of()).build(), d -> {})
            .join();

    assertThat(zh.text()).contains("人工客服");
    assertThat(en.text()).contains("human agent");
    assertThat(zh.suggestedAction()).isEqualTo(ReplyAction.FALLBACK);
    assertThat(zh.source()).isEqualTo(Draft.Source.TEMPLATE);
  }
}
