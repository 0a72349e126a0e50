package io.streamdesk.knowledge.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdesk.knowledge.index.IndexBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KnowledgeSettingsTest {

  @Test
  void shouldDefaultToTheIndexersFolderAndRouting() {
    KnowledgeSettings s = KnowledgeSettings.defaults();
    assertThat(s.backend()).isEqualTo(IndexBackend.LUCENE);
    assertThat(s.luceneDirectory()).isEqualTo(Path.of(".streamdesk", "index"));
    assertThat(s.modelFor("zh")).isEqualTo("bge-small-zh-v15-q");
    assertThat(s.modelFor("fr")).isEqualTo("bge-small-en-v15-q");
    assertThat(s.resolveLanguage("fr")).isEqualTo("en");
  }

  @Test
  void shouldReadQdrantSettingsAndNeverShowTheKey() {
    Map<String, String> raw =
        Map.of(
            "kb.index.backend", "QDRANT",
            "kb.qdrant.host", "qdrant",
            "kb.qdrant.port", "6335",
            "kb.qdrant.timeout", "500ms",
            "kb.qdrant.api-key", "s3cret");
    KnowledgeSettings s = KnowledgeSettings.parse(raw::get);
    assertThat(s.backend()).isEqualTo(IndexBackend.QDRANT);
    assertThat(s.qdrant().grpcPort()).isEqualTo(6335);
    assertThat(s.qdrant().timeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(s.qdrant().apiKey()).isEqualTo("s3cret");
    assertThat(s.describe()).doesNotContain("s3cret");
  }

  @Test
  void shouldNameEveryInvalidKey() {
    Map<String, String> raw =
        Map.of(
            "kb.index.backend", "elastic",
            "kb.qdrant.port", "70000",
            "kb.routing", "zh=unknown-model");
    assertThatThrownBy(() -> KnowledgeSettings.parse(raw::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kb.index.backend")
        .hasMessageContaining("kb.qdrant.port")
        .hasMessageContaining("kb.routing");
  }
}
