package io.streamdesk.intent.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IntentModelTrainerTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);
  static IntentModel model;
  static SyntheticIntents training;

  @BeforeAll
  static void train() {
    training = SyntheticIntents.generate(40, 60, 0.35, 11);
    model =
        new IntentModelTrainer(IntentTrainingConfig.defaults(), CLOCK)
            .train(training.dataset(), training.vectors, "en", "test-encoder");
  }

  @Test
  void shouldClassifyHeldOutExamplesOfEachIntent() {
    // Given fresh examples from the same distribution
    SyntheticIntents test = SyntheticIntents.generate(25, 30, 0.35, 99);

    // When classified
    int inScope = 0;
    int correct = 0;
    int oos = 0;
    int caught = 0;
    for (int i = 0; i < test.examples.size(); i++) {
      IntentPrediction p = model.classify(test.vectors.get(i));
      if (test.examples.get(i).outOfScope()) {
        oos++;
        caught += p.outOfScope() ? 1 : 0;
      } else {
        inScope++;
        correct += p.intent().equals(test.examples.get(i).label()) ? 1 : 0;
      }
    }

    // Then most are right and most out-of-scope messages are rejected
    assertThat((double) correct / inScope).isGreaterThan(0.75);
    assertThat((double) caught / oos).isGreaterThan(0.6);
  }

  @Test
  void shouldReturnThreeRankedInScopeCandidatesWithCalibratedProbabilities() {
    IntentPrediction p = model.classify(training.vectors.get(0));

    assertThat(p.candidates()).hasSize(3);
    assertThat(p.candidates()).extracting(IntentCandidate::intent).doesNotContain("oos");
    assertThat(p.candidates().get(0).probability())
        .isGreaterThanOrEqualTo(p.candidates().get(1).probability());
    assertThat(p.confidence()).isEqualTo(p.candidates().get(0).probability());
    assertThat(p.modelVersion()).startsWith("20250102T030405Z-");
    double sum = 0;
    for (double q : model.probabilities(training.vectors.get(0))) {
      sum += q;
    }
    assertThat(sum).isCloseTo(1, within(1e-9));
  }

  @Test
  void shouldBeCalibratedOnFreshData() {
    // Given fresh data with the training mix of intents and out-of-scope examples
    SyntheticIntents test = SyntheticIntents.generate(200, 300, 0.35, 123);
    List<String> labels = model.metadata().labels();
    double confidenceSum = 0;
    int correct = 0;
    for (int i = 0; i < test.examples.size(); i++) {
      double[] p = model.probabilities(test.vectors.get(i));
      int top = SoftmaxRegressionTest.argmax(p);
      confidenceSum += p[top];
      correct += labels.get(top).equals(test.examples.get(i).label()) ? 1 : 0;
    }

    // Then the mean top probability is close to the accuracy (calibration in the large)
    double n = test.examples.size();
    assertThat(confidenceSum / n).isCloseTo(correct / n, within(0.05));
  }

  @Test
  void shouldRecordHowItWasTrained() {
    IntentModelMetadata meta = model.metadata();

    assertThat(meta.labels())
        .containsExactly("complaint", "feedback", "greeting", "oos", "order_status");
    assertThat(meta.encoderModelId()).isEqualTo("test-encoder");
    assertThat(meta.thresholdMode()).isEqualTo("auto");
    assertThat(meta.threshold()).isBetween(0.0, 1.0);
    assertThat(meta.l2()).isIn(IntentTrainingConfig.defaults().l2Grid().toArray());
    assertThat(meta.metrics()).containsKeys("cv_accuracy", "cv_oos_recall", "train_seconds");
    assertThat(meta.metrics()).containsKey("cv_in_scope_false_reject");
    assertThat(meta.trainingExamples()).containsEntry("oos", 60).containsEntry("greeting", 40);
  }

  @Test
  void shouldKeepAFixedThreshold() {
    SyntheticIntents small = SyntheticIntents.generate(10, 0, 0.2, 4);

    IntentModel fixed =
        new IntentModelTrainer(IntentTrainingConfig.defaults().withThreshold(0.7).withFolds(2))
            .train(small.dataset(), small.vectors, "zh", "m");

    assertThat(fixed.metadata().threshold()).isEqualTo(0.7);
    assertThat(fixed.metadata().thresholdMode()).isEqualTo("fixed");
    assertThat(fixed.metadata().hasOutOfScopeClass()).isFalse();
  }

  @Test
  void shouldBeReproducible() {
    IntentModel again =
        new IntentModelTrainer(IntentTrainingConfig.defaults(), CLOCK)
            .train(training.dataset(), training.vectors, "en", "test-encoder");

    assertThat(again.version()).isEqualTo(model.version());
  }

  @Test
  void shouldRefuseDataWithOneIntent() {
    var data =
        new IntentDataset(
            "one.jsonl",
            "x",
            List.of(new LabelledUtterance("hi", "greeting"), new LabelledUtterance("yo", "oos")));
    Random r = new Random(1);
    List<float[]> vectors = List.of(SyntheticIntents.randomUnit(r), SyntheticIntents.randomUnit(r));

    assertThatThrownBy(
            () ->
                new IntentModelTrainer(IntentTrainingConfig.defaults())
                    .train(data, vectors, "en", "m"))
        .isInstanceOf(IntentDataException.class)
        .hasMessageContaining("one.jsonl")
        .hasMessageContaining("at least 2 in-scope intents");
  }
}
