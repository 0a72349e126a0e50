package io.streamdesk.intent.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streamdesk.knowledge.language.LanguageRouter.RoutedEmbedding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntentModelStoreTest {

  static SyntheticIntents data;
  static IntentModel first;
  static IntentModel second;

  @TempDir Path root;

  @BeforeAll
  static void train() {
    data = SyntheticIntents.generate(15, 15, 0.3, 21);
    IntentTrainingConfig config = IntentTrainingConfig.defaults().withFolds(3);
    first = trainAt("2025-01-01T00:00:00Z", config);
    second = trainAt("2025-02-01T00:00:00Z", config.withThreshold(0.9));
  }

  static IntentModel trainAt(String instant, IntentTrainingConfig config) {
    return new IntentModelTrainer(config, Clock.fixed(Instant.parse(instant), ZoneOffset.UTC))
        .train(data.dataset(), data.vectors, "en", "enc-en");
  }

  IntentModelStoreConfig config(Duration poll) {
    return new IntentModelStoreConfig(root, Map.of("en", "enc-en", "zh", "enc-zh"), poll);
  }

  @Test
  void shouldRoundTripAModelThroughItsArtefact() throws IOException {
    // Given a saved model
    Path dir = IntentModelArtefacts.save(first, root);

    // When loaded back
    IntentModel loaded = IntentModelArtefacts.load(dir, "enc-en");

    // Then it is the same model, in the documented layout
    assertThat(dir).isEqualTo(root.resolve("en").resolve(first.version()));
    assertThat(dir.resolve("metadata.json")).isRegularFile();
    assertThat(dir.resolve("weights.bin")).isRegularFile();
    assertThat(loaded.metadata()).isEqualTo(first.metadata());
    for (float[] v : data.vectors) {
      assertThat(loaded.classify(v)).isEqualTo(first.classify(v));
    }
  }

  @Test
  void shouldRefuseAModelTrainedOnAnotherEncoder() throws IOException {
    Path dir = IntentModelArtefacts.save(first, root);

    assertThatThrownBy(() -> IntentModelArtefacts.load(dir, "bge-small-en-v15"))
        .isInstanceOf(IntentModelException.class)
        .hasMessageContaining("trained on encoder 'enc-en'")
        .hasMessageContaining("bge-small-en-v15");
  }

  @Test
  void shouldRefuseCorruptWeights() throws IOException {
    Path dir = IntentModelArtefacts.save(first, root);
    byte[] bytes = Files.readAllBytes(dir.resolve("weights.bin"));
    bytes[100] ^= 1;
    Files.write(dir.resolve("weights.bin"), bytes);

    assertThatThrownBy(() -> IntentModelArtefacts.load(dir, "enc-en"))
        .isInstanceOf(IntentModelException.class)
        .hasMessageContaining("does not match the hash");
  }

  @Test
  void shouldHotSwapToANewVersionWithoutRestart() throws IOException {
    // Given a running store serving the first model
    IntentModelArtefacts.save(first, root);
    try (IntentModelStore store = IntentModelStore.open(config(Duration.ofMillis(100)))) {
      assertThat(store.modelVersion("en")).contains(first.version());
      float[] vector = data.vectors.get(0);
      assertThat(store.classify("en", vector).modelVersion()).isEqualTo(first.version());

      // When a newer version is published
      IntentModelArtefacts.save(second, root);

      // Then the store swaps to it by itself
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> store.classify("en", vector).modelVersion().equals(second.version()));
      assertThat(store.model("en").orElseThrow().metadata().threshold()).isEqualTo(0.9);
    }
  }

  @Test
  void shouldKeepTheLiveModelWhenANewVersionIsForAnotherEncoder() throws IOException {
    // Given a store serving the first model
    IntentModelArtefacts.save(first, root);
    try (IntentModelStore store =
        IntentModelStore.openWithoutPolling(config(Duration.ofSeconds(1)))) {
      // When a newer version trained on another encoder appears
      IntentModel foreign =
          new IntentModelTrainer(
                  IntentTrainingConfig.defaults().withFolds(2),
                  Clock.fixed(Instant.parse("2025-03-01T00:00:00Z"), ZoneOffset.UTC))
              .train(data.dataset(), data.vectors, "en", "enc-other");
      IntentModelArtefacts.save(foreign, root);

      // Then it is refused and the live model stays
      assertThat(store.refresh()).isFalse();
      assertThat(store.modelVersion("en")).contains(first.version());
    }
  }

  @Test
  void shouldCheckTheEncoderOfARoutedEmbeddingAndNameMissingLanguages() throws IOException {
    IntentModelArtefacts.save(first, root);
    try (IntentModelStore store =
        IntentModelStore.openWithoutPolling(config(Duration.ofSeconds(1)))) {
      float[] vector = data.vectors.get(0);

      assertThat(store.classify(new RoutedEmbedding("en", "enc-en", vector)).intent()).isNotNull();
      assertThatThrownBy(() -> store.classify(new RoutedEmbedding("en", "enc-zh", vector)))
          .isInstanceOf(IntentModelException.class)
          .hasMessageContaining("expects vectors of enc-en");
      assertThatThrownBy(() -> store.classify("zh", vector))
          .isInstanceOf(IntentModelException.class)
          .hasMessageContaining("no intent model for language 'zh'");
    }
  }
}
