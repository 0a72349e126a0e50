package io.streamdesk.generation.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdesk.generation.reply.Draft;
import io.streamdesk.generation.testing.Kb;
import io.streamdesk.schemas.events.Passage;
import io.streamdesk.schemas.events.ReplyAction;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputGuardTest {

  private final OutputGuard guard = new OutputGuard(GuardSettings.defaults());
  private final List<Passage> passages = List.of(Kb.RETURNS_EN, Kb.SHIPPING_EN);

  @Test
  void shouldAcceptAnAnswerSupportedByThePassages() {
    Verdict verdict =
        review("You can return any item within 30 days of delivery for a full refund.", "en");

    assertThat(verdict.replace()).isFalse();
    assertThat(verdict.action()).isEqualTo(ReplyAction.ANSWER);
    assertThat(verdict.support()).isGreaterThan(0.8);
  }

  @Test
  void shouldReplaceAnAnswerThePassagesDoNotSupport() {
    Verdict verdict =
        review("Our premium members enjoy free lifetime upgrades on all laptops.", "en");

    assertThat(verdict.replace()).isTrue();
    assertThat(verdict.replacement()).isEqualTo(GuardSettings.UngroundedAction.EXTRACTIVE);
  }

  @Test
  void shouldHandOffUngroundedAnswersWhenConfigured() {
    OutputGuard handoff =
        new OutputGuard(
            GuardSettings.defaults().withUngroundedAction(GuardSettings.UngroundedAction.HANDOFF));

    Verdict verdict =
        handoff.review(
            draft(List.of()), "Premium members get free upgrades forever.", "en", passages);

    assertThat(verdict.replace()).isTrue();
    assertThat(verdict.action()).isEqualTo(ReplyAction.HANDOFF);
  }

  @Test
  void shouldLetAnHonestRefusalThroughAsFallback() {
    Verdict verdict =
        review(
            "I'm not sure about that. Would you like me to connect you with a human agent?", "en");

    assertThat(verdict.replace()).isFalse();
    assertThat(verdict.action()).isEqualTo(ReplyAction.FALLBACK);
  }

  @Test
  void shouldTreatAPoliteQuestionForOrderDetailsAsClarify() {
    assertThat(review("Could you tell me your order number, please?", "en").action())
        .isEqualTo(ReplyAction.CLARIFY);
    assertThat(review("请提供您的订单号，我帮您查询物流。好吗？", "zh").action()).isEqualTo(ReplyAction.CLARIFY);
  }

  @Test
  void shouldGroundChineseAnswersOnCharacterBigrams() {
    OutputGuard zh = new OutputGuard(GuardSettings.defaults());

    Verdict grounded =
        zh.review(draft(List.of(Kb.WARRANTY_ZH)), "所有电子产品提供一年免费保修。", "zh", List.of());
    Verdict invented =
        zh.review(draft(List.of(Kb.WARRANTY_ZH)), "会员可以享受终身免费上门服务。", "zh", List.of());

    assertThat(grounded.replace()).isFalse();
    assertThat(invented.replace()).isTrue();
  }

  @Test
  void shouldNotCheckExtractiveDraftsForGrounding() {
    Draft extractive =
        new Draft(
            "anything",
            Draft.Source.EXTRACTIVE,
            List.of(),
            List.of(Kb.RETURNS_EN),
            ReplyAction.ANSWER,
            "extractive",
            null,
            Duration.ZERO,
            Duration.ZERO,
            0,
            0);

    assertThat(guard.review(extractive, "anything", "en", passages).replace()).isFalse();
  }

  @Test
  void shouldMapCitationNumbersToThePromptsPassages() {
    Draft draft = draft(List.of(Kb.RETURNS_EN, Kb.SHIPPING_EN));

    assertThat(OutputGuard.citations(draft, List.of(2, 7, 1, 2)))
        .containsExactly(Kb.SHIPPING_EN, Kb.RETURNS_EN);
  }

  private Verdict review(String text, String language) {
    return guard.review(draft(passages), text, language, passages);
  }

  private static Draft draft(List<Passage> numbered) {
    return new Draft(
        "",
        Draft.Source.MODEL,
        numbered,
        List.of(),
        null,
        "onnx:test",
        "cs-prompt-v1",
        Duration.ZERO,
        Duration.ZERO,
        0,
        0);
  }
}
