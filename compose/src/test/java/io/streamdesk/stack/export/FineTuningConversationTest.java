package io.streamdesk.stack.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdesk.stack.export.FineTuningConversation.Exchange;
import io.streamdesk.stack.export.FineTuningConversation.Turn;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FineTuningConversationTest {

  private static Exchange answered(String text, String intent, String reply, String... categories) {
    return new Exchange(text, intent, Optional.of(reply), List.of(categories));
  }

  private static Exchange unanswered(String text, String intent) {
    return new Exchange(text, intent, Optional.empty(), List.of());
  }

  @Test
  void shouldAlternateRolesJoiningMessagesOfOneRoleAndDroppingATrailingQuestion() {
    // Given a customer who wrote twice before the answer, and last asked something unanswered
    List<Exchange> exchanges =
        List.of(
            unanswered("hi", "greeting"),
            answered("where is my order?", "order_status", "It ships today."),
            unanswered("thanks, and the invoice?", "invoice"));

    // When
    FineTuningConversation c = FineTuningConversation.of(exchanges).orElseThrow();

    // Then
    assertThat(c.turns())
        .containsExactly(
            new Turn("user", "hi\nwhere is my order?"), new Turn("assistant", "It ships today."));
  }

  @Test
  void shouldGiveNothingForAConversationWithoutAnyAnswer() {
    assertThat(FineTuningConversation.of(List.of(unanswered("hello?", "greeting")))).isEmpty();
  }

  @Test
  void shouldTakeTheDominantTopicalIntentOverGreetings() {
    FineTuningConversation c =
        FineTuningConversation.of(
                List.of(
                    answered("hi", "greeting", "Hello!"),
                    answered("refund?", "after_sales", "Refunds take 3 days."),
                    answered("and the fee?", "after_sales", "No fee."),
                    answered("price of X1?", "product_inquiry", "2999."),
                    answered("thanks", "greeting", "You're welcome.")))
            .orElseThrow();

    assertThat(c.intent()).isEqualTo("after_sales");
  }

  @Test
  void shouldTakeTheLatestIntentWhenTopicalIntentsTie() {
    assertThat(FineTuningConversation.dominantIntent(List.of("after_sales", "order_status")))
        .isEqualTo("order_status");
    assertThat(FineTuningConversation.dominantIntent(List.of("greeting", "feedback")))
        .isEqualTo("feedback");
  }

  @Test
  void shouldUseTheMostCitedCategoryAsDomainAndTheDefaultWithoutOne() {
    FineTuningConversation cited =
        FineTuningConversation.of(
                List.of(
                    answered("a", "order_status", "x", "订单", "物流"),
                    answered("b", "order_status", "y", "物流")))
            .orElseThrow();
    FineTuningConversation uncited =
        FineTuningConversation.of(List.of(answered("hi", "greeting", "Hello!"))).orElseThrow();

    assertThat(cited.domain()).isEqualTo("物流");
    assertThat(uncited.domain()).isEqualTo(FineTuningConversation.DEFAULT_DOMAIN);
  }
}
