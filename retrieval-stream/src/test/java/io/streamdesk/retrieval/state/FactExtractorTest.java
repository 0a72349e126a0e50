package io.streamdesk.retrieval.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FactExtractorTest {

  @Test
  void shouldKeepOrderNumbersDatesAmountsProductsAndGivenContactDetails() {
    assertThat(
            FactExtractor.fromCustomer(
                "订单号2026031812345的LumaBot X1 Pro还没到，3月18日付了¥3,999，电话[PHONE_1]"))
        .contains(
            "order: 2026031812345",
            "product: LumaBot X1 Pro",
            "date: 3月18日",
            "amount: ¥3,999",
            "given: [PHONE_1]");
  }

  @Test
  void shouldNotMistakePlaceholdersOrShortNumbersForOrders() {
    assertThat(FactExtractor.fromCustomer("my card [BANK_CARD_1] was charged 99 yuan twice"))
        .contains("given: [BANK_CARD_1]", "amount: 99 yuan")
        .noneMatch(f -> f.startsWith("order:"));
  }

  @Test
  void shouldKeepWhatTheAssistantPromised() {
    assertThat(
            FactExtractor.fromAssistant(
                "Thanks for waiting. We will refund ¥299 within 3 business days. Anything else?",
                200))
        .containsExactly("promise: We will refund ¥299 within 3 business days.");
    assertThat(FactExtractor.fromAssistant("我们会在24小时内联系您。祝您愉快！", 200))
        .containsExactly("promise: 我们会在24小时内联系您。");
  }

  @Test
  void shouldTellPersonalQuestions() {
    assertThat(FactExtractor.namesOrder("where is 2026031812345")).isTrue();
    assertThat(FactExtractor.hasPlaceholder("call me on [PHONE_1]")).isTrue();
    assertThat(FactExtractor.namesOrder("what is your return policy")).isFalse();
  }
}
