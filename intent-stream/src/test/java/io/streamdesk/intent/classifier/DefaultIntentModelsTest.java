package io.streamdesk.intent.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdesk.knowledge.encoder.ModelCatalogue;
import io.streamdesk.knowledge.encoder.OnnxEncoder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains on real embeddings: one int8 English encoder loaded for the whole class, and a small slice
 * of the bundled English intents (8 utterances per label).
 */
class DefaultIntentModelsTest {

  static OnnxEncoder encoder;

  @TempDir Path root;

  @BeforeAll
  static void loadEncoder() {
    encoder = OnnxEncoder.open(ModelCatalogue.BGE_SMALL_EN_Q);
  }

  @AfterAll
  static void closeEncoder() {
    encoder.close();
  }

  @Test
  void shouldTrainMissingModelsOnceAndServeThemFromTheStore() {
    // Given an empty store root for English
    IntentModelStoreConfig config =
        new IntentModelStoreConfig(
            root, Map.of("en", ModelCatalogue.BGE_SMALL_EN_Q), Duration.ofSeconds(10));
    IntentTrainingConfig training = IntentTrainingConfig.defaults().withFolds(3);

    // When the defaults are trained, then asked for again
    List<Path> first =
        DefaultIntentModels.trainMissing(
            config, lang -> encoder, training, "intents-small/%s/train.jsonl");
    List<Path> second =
        DefaultIntentModels.trainMissing(
            config, lang -> encoder, training, "intents-small/%s/train.jsonl");

    // Then one model was written, and the store classifies real messages with it
    assertThat(first).hasSize(1);
    assertThat(second).isEmpty();
    try (IntentModelStore store = IntentModelStore.openWithoutPolling(config)) {
      assertThat(
              store.classify("en", encoder.embed("Can I speak to a real person please?")).intent())
          .isEqualTo("human_agent");
      assertThat(
              store
                  .classify("en", encoder.embed("Where is my parcel? It has not arrived"))
                  .intent())
          .isEqualTo("order_status");
      IntentPrediction weather =
          store.classify("en", encoder.embed("Will it rain in Paris tomorrow?"));
      assertThat(weather.intent()).isEqualTo(Intents.OUT_OF_SCOPE);
      assertThat(weather.outOfScope()).isTrue();
      assertThat(weather.candidates()).hasSize(3);
    }
  }
}
