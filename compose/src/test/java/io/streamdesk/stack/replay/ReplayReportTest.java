package io.streamdesk.stack.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamdesk.stack.replay.ReplayReport.OutcomeKind;
import io.streamdesk.stack.replay.ReplayReport.Row;
import io.streamdesk.stack.replay.ReplayReport.Side;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplayReportTest {

  private static final Instant AT = Instant.parse("2026-05-01T10:00:00Z");

  private static Side reply(String intent, String action, String text, String... documents) {
    return new Side(
        OutcomeKind.REPLY,
        intent,
        action,
        text,
        List.of(documents),
        120L,
        "extractive",
        3L,
        1,
        null);
  }

  private static Row row(String id, Side original, Side shadow) {
    return new Row(id, "c-" + id, AT, "masked " + id, original, shadow);
  }

  private static ReplayReport report(Row... rows) {
    return new ReplayReport(
        AT, AT.plusSeconds(3600), Optional.empty(), "replay-1.", 0, List.of(rows));
  }

  @Test
  void shouldListIntentAndActionChangesWithTheirTransitions() {
    // Given one message whose intent and action changed and one unchanged
    Row changed =
        row(
            "m1",
            reply("after_sales", "ANSWER", "Refunds take 3 days.", "faq.csv"),
            reply("complaint", "HANDOFF", "A human agent will take over."));
    Row same =
        row("m2", reply("greeting", "ANSWER", "Hello!"), reply("greeting", "ANSWER", "Hello!"));

    // When
    ReplayReport report = report(changed, same);
    ObjectNode summary = report.summaryJson();

    // Then
    assertThat(changed.intentChanged()).isTrue();
    assertThat(changed.actionChanged()).isTrue();
    assertThat(changed.answerChanged()).isTrue();
    assertThat(changed.citationsChanged()).isTrue();
    assertThat(same.changed()).isFalse();
    assertThat(summary.path("intent_changes").asLong()).isEqualTo(1);
    assertThat(summary.path("action_changes").asLong()).isEqualTo(1);
    assertThat(summary.path("action_transitions").path("ANSWER -> HANDOFF").asLong()).isEqualTo(1);
    assertThat(summary.path("intent_transitions").path("after_sales -> complaint").asLong())
        .isEqualTo(1);
    assertThat(ReplayMarkdown.render(report))
        .contains("after_sales → **complaint**")
        .contains("ANSWER → **HANDOFF**")
        .contains("1 unchanged messages");
  }

  @Test
  void shouldScoreAnswerSimilarityOnCharactersForChineseAndEnglish() {
    Row zh = row("m1", reply("a", "ANSWER", "退款3天到账"), reply("a", "ANSWER", "退款5天到账"));

    assertThat(zh.similarity()).hasValueSatisfying(v -> assertThat(v).isEqualTo(1 - 1 / 6.0));
    assertThat(TextSimilarity.of("same", " same ")).isEqualTo(1.0);
    assertThat(TextSimilarity.of("abc", "xyz")).isZero();
  }

  @Test
  void shouldCompareADeadLetterAsAnActionButNeverGuessAMissingSide() {
    Side dlq =
        new Side(OutcomeKind.DLQ, "other", null, null, List.of(), null, null, null, 0, "x: y");
    Row deadLettered = row("m1", reply("other", "ANSWER", "ok"), dlq);
    Row missing = row("m2", reply("other", "ANSWER", "ok"), Side.none(null));

    ReplayReport report = report(deadLettered, missing);

    assertThat(deadLettered.actionChanged()).isTrue();
    assertThat(deadLettered.answerChanged()).isFalse();
    assertThat(missing.compared()).isFalse();
    assertThat(missing.changed()).isFalse();
    assertThat(report.summaryJson().path("shadow").path("none").asLong()).isEqualTo(1);
    assertThat(report.summaryJson().path("compared").asLong()).isEqualTo(1);
  }
}
