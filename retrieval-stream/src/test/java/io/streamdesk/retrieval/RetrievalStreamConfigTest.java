package io.streamdesk.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdesk.knowledge.index.IndexBackend;
import io.streamdesk.runtime.config.ConfigException;
import io.streamdesk.runtime.config.Configuration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetrievalStreamConfigTest {

  @Test
  void shouldDefaultToTheDocumentedSettings() {
    RetrievalStreamConfig c = RetrievalStreamConfig.load(Configuration.of(Map.of()));
    assertThat(c.decision().kbIntents())
        .containsExactlyInAnyOrder(
            "product_inquiry", "order_status", "after_sales", "technical_support");
    assertThat(c.decision().generationDeadline()).isEqualTo(Duration.ofSeconds(20));
    assertThat(c.state().historyTurns()).isEqualTo(5);
    assertThat(c.state().idleTimeout()).isEqualTo(Duration.ofHours(1));
    assertThat(c.thresholds().minCosine("zh")).isEqualTo(0.59);
    assertThat(c.thresholds().minCosine("fr")).isEqualTo(0.70);
    assertThat(c.knowledge().backend()).isEqualTo(IndexBackend.LUCENE);
    assertThat(c.knowledge().luceneDirectory()).isEqualTo(Path.of(".streamdesk", "index"));
    assertThat(c.knowledge().modelFor("zh")).isEqualTo("bge-small-zh-v15-q");
    assertThat(c.cache().enabled()).isTrue();
  }

  @Test
  void shouldReadEveryGroupOfKeys() {
    RetrievalStreamConfig c =
        RetrievalStreamConfig.load(
            Configuration.of(
                Map.of(
                    "retrieval.kb.intents", "order_status,billing",
                    "retrieval.relevance.min-cosine", "zh=0.5,en=0.6",
                    "retrieval.cache.ttl", "10m",
                    "retrieval.history.turns", "8",
                    "kb.index.backend", "qdrant",
                    "kb.qdrant.host", "qdrant.internal",
                    "kb.qdrant.api-key", "s3cret")));
    assertThat(c.decision().kbIntents()).containsExactlyInAnyOrder("order_status", "billing");
    assertThat(c.thresholds().minCosine("en")).isEqualTo(0.6);
    assertThat(c.thresholds().minCosine("*")).isEqualTo(0.6);
    assertThat(c.cache().ttl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.state().historyTurns()).isEqualTo(8);
    assertThat(c.knowledge().backend()).isEqualTo(IndexBackend.QDRANT);
    assertThat(c.knowledge().qdrant().apiKey()).isEqualTo("s3cret");
    assertThat(c.knowledge().describe()).doesNotContain("s3cret");
  }

  @Test
  void shouldReportEveryProblemAtOnce() {
    assertThatThrownBy(
            () ->
                RetrievalStreamConfig.load(
                    Configuration.of(
                        Map.of(
                            "retrieval.top-k", "0",
                            "retrieval.kb.intents", " ",
                            "retrieval.relevance.min-cosine", "zh:0.5",
                            "kb.routing", "zh=no-such-model",
                            "retrieval.templates.default-language", "fr"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("retrieval.top-k")
        .hasMessageContaining("retrieval.templates.default-language");
    assertThatThrownBy(
            () ->
                RetrievalStreamConfig.load(
                    Configuration.of(
                        Map.of(
                            "retrieval.kb.intents", " ",
                            "retrieval.relevance.min-cosine", "zh:0.5",
                            "kb.routing", "zh=no-such-model",
                            "kb.fallback.language", "zh"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("retrieval.kb.intents")
        .hasMessageContaining("zh:0.5")
        .hasMessageContaining("unknown model 'no-such-model'");
  }
}
