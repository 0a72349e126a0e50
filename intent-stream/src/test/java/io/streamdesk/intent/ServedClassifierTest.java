package io.streamdesk.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streamdesk.intent.classifier.IntentCandidate;
import io.streamdesk.intent.classifier.IntentModel;
import io.streamdesk.intent.classifier.IntentPrediction;
import io.streamdesk.knowledge.encoder.ModelCatalogue;
import io.streamdesk.knowledge.language.LanguageRouter;
import io.streamdesk.knowledge.language.RoutingConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServedClassifierTest {

  private static LanguageRouter router;

  @TempDir Path root;

  @BeforeAll
  static void loadEncoders() {
    router = TestModels.router();
  }

  @AfterAll
  static void closeEncoders() {
    router.close();
  }

  @Test
  void shouldServeANewModelVersionWithoutARestart() {
    // Given the classifier serving small models
    try (ServedClassifier classifier = TestModels.classifier(router, 5, root)) {
      String before = classifier.versions().get("en");
      float[] hello = router.encoderFor("en").embed("hello there");
      assertThat(classifier.scorer().classify("en", hello).modelVersion()).isEqualTo(before);

      // When intent-train writes a newer English version into the directory
      Clock later = Clock.fixed(Instant.now().plus(Duration.ofHours(1)), ZoneOffset.UTC);
      IntentModel newer =
          TestModels.train(router.encoderFor("en"), "en", TestModels.slice("en", 6), root, later);

      // Then the next classification uses it
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  classifier.scorer().classify("en", hello).modelVersion().equals(newer.version()));
      assertThat(classifier.versions().get("zh")).isNotEqualTo("none");
      assertThat(classifier.healthCheck().check().isUp()).isTrue();
    }
  }

  @Test
  void shouldRefuseToStartWhenALanguageHasNoModelAndNoBundledData() {
    // Given English models, and French routed too, for which nothing is bundled
    TestModels.classifier(router, 5, root).close();
    RoutingConfig withFrench =
        new RoutingConfig(
            Map.of(
                "en",
                ModelCatalogue.BGE_SMALL_EN_Q,
                "zh",
                ModelCatalogue.BGE_SMALL_ZH_Q,
                "fr",
                ModelCatalogue.BGE_SMALL_EN_Q),
            "en");

    // Then opening fails saying what to do
    assertThatThrownBy(
            () ->
                ServedClassifier.open(
                    new ClassifierSettings(root, Duration.ofSeconds(1)), withFrench, router))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("fr=none")
        .hasMessageContaining("intent-train --lang L");
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
