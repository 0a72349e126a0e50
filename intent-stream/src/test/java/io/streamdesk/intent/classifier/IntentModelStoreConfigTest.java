package io.streamdesk.intent.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntentModelStoreConfigTest {

  @Test
  void shouldDefaultToTheRoutingEncodersAndATenSecondPoll() {
    IntentModelStoreConfig config = IntentModelStoreConfig.fromProperties(Map.of());

    assertThat(config.root()).isEqualTo(Path.of("models/intent"));
    assertThat(config.encoderByLanguage())
        .containsEntry("zh", "bge-small-zh-v15-q")
        .containsEntry("en", "bge-small-en-v15-q");
    assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void shouldReadEveryKey() {
    IntentModelStoreConfig config =
        IntentModelStoreConfig.fromProperties(
            Map.of(
                "intent.models.dir", "/srv/models",
                "intent.models.encoders", "zh=bge-small-zh-v15,en=bge-small-en-v15",
                "intent.models.poll.interval", "500"));

    assertThat(config.root()).isEqualTo(Path.of("/srv/models"));
    assertThat(config.encoderByLanguage()).containsEntry("zh", "bge-small-zh-v15");
    assertThat(config.pollInterval()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void shouldNameTheKeyOfAnInvalidValue() {
    assertThatThrownBy(
            () ->
                IntentModelStoreConfig.fromProperties(
                    Map.of("intent.models.poll.interval", "soon")))
        .hasMessageContaining("intent.models.poll.interval");
    assertThatThrownBy(
            () ->
                IntentModelStoreConfig.fromProperties(
                    Map.of("intent.models.poll.interval", "PT0.01S")))
        .hasMessageContaining("at least 100 ms");
  }
}
