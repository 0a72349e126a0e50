package io.streamdesk.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdesk.intent.classifier.IntentCandidate;
import io.streamdesk.intent.classifier.IntentDataset;
import io.streamdesk.intent.classifier.IntentPrediction;
import io.streamdesk.knowledge.language.LanguageRouter;
import io.streamdesk.knowledge.language.RoutingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServedClassifierTest {

  private static LanguageRouter router;

  @TempDir Path dir;

  @BeforeAll
  static void loadEncoders() {
    router = TestModels.router();
  }

  @AfterAll
  static void closeEncoders() {
    router.close();
  }

  @Test
  void shouldReuseCachedModelsTrainedOnTheSameData() {
    // Given models trained at start-up into a cache
    Map<String, IntentDataset> data = TestModels.slices(6);
    Map<String, String> first;
    try (ServedClassifier trained =
        ServedClassifier.trainedOn(data, RoutingConfig.defaults(), router, dir, false)) {
      first = trained.versions();
      assertThat(trained.description()).contains("trained [zh, en]");
    }

    // When the service starts again with the same data
    try (ServedClassifier again =
        ServedClassifier.trainedOn(data, RoutingConfig.defaults(), router, dir, false)) {

      // Then nothing is trained and the same versions serve
      assertThat(again.description()).contains("trained []");
      assertThat(again.versions()).isEqualTo(first);
      assertThat(again.healthCheck().check().isUp()).isTrue();
    }
    assertThat(Files.isDirectory(dir)).isTrue();
  }

  @Test
  void shouldRefuseAModelsDirectoryWithoutAModelPerLanguage() {
    // Given an empty artefact directory
    ClassifierSettings settings = new ClassifierSettings(dir, Duration.ofSeconds(1), dir);

    // Then opening fails saying what to do
    assertThatThrownBy(() -> ServedClassifier.open(settings, RoutingConfig.defaults(), router))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("intent-train")
        .hasMessageContaining("zh=none");
  }

  @Test
  void shouldPublishTheBestInScopeIntentOfARejectedPrediction() {
    // Given a prediction the classifier rejected as out of scope
    IntentPrediction rejected =
        new IntentPrediction(
            "oos",
            0.42,
            List.of(new IntentCandidate("greeting", 0.42), new IntentCandidate("feedback", 0.2)),
            true,
            "v7");

    // When the topology sees it
    Classification c = ServedClassifier.adapt(rejected);

    // Then it keeps the best in-scope intent, and publishes "other"
    assertThat(c.intent()).isEqualTo("greeting");
    assertThat(c.publishedIntent()).isEqualTo(Classification.OTHER);
    assertThat(c.confidence()).isEqualTo(0.42);
    assertThat(c.candidates())
        .extracting(Classification.Candidate::intent)
        .containsExactly("greeting", "feedback");
    assertThat(c.modelVersion()).isEqualTo("v7");
  }
}
