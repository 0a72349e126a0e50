package io.streamdesk.intent.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class IntentMetricsTest {

  @Test
  void shouldScoreInScopeAccuracyFalseRejectsAndOutOfScope() {
    // Given 4 in-scope (1 wrong, 1 rejected) and 2 out-of-scope (1 caught) examples
    List<String> truth = List.of("a", "a", "b", "b", "oos", "oos");
    List<String> predicted = List.of("a", "b", "b", "oos", "oos", "a");

    IntentMetrics m = IntentMetrics.score(truth, predicted);

    assertThat(m.accuracyInScope()).isEqualTo(0.5);
    assertThat(m.inScopeFalseReject()).isEqualTo(0.25);
    assertThat(m.oosRecall()).isEqualTo(0.5);
    assertThat(m.oosPrecision()).isEqualTo(0.5);
    // F1: a = 2*1/(2+1+1) = 0.5, b = 2*1/(2+1+1) = 0.5, oos = 2*1/(2+1+1) = 0.5
    assertThat(m.macroF1()).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void shouldLeaveOutOfScopeFiguresNullWithoutOutOfScopeExamples() {
    IntentMetrics m = IntentMetrics.score(List.of("a", "b"), List.of("a", "oos"));

    assertThat(m.oosRecall()).isNull();
    assertThat(m.oosPrecision()).isNull();
    assertThat(m.inScopeFalseReject()).isEqualTo(0.5);
  }
}
