package io.streamdesk.intent;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdesk.intent.text.TextPipeline;
import io.streamdesk.knowledge.language.LanguageRouter;
import io.streamdesk.knowledge.language.RoutingConfig;
import io.streamdesk.knowledge.language.ScriptLanguageDetector;
import io.streamdesk.schemas.registry.RegistryConfig;
import io.streamdesk.schemas.serde.AvroTopicSerdes;
import io.streamdesk.schemas.topics.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * Pins the topology's shape: a renamed operator or store would orphan the conversation memory's
 * changelog or the committed offsets, so any change here must be deliberate.
 */
class IntentTopologyDescriptionTest {

  @Test
  void shouldKeepItsNamedOperatorsAndStore() throws IOException {
    // Given the topology (nothing runs, so no model is loaded)
    LanguageRouter router =
        new LanguageRouter(
            new ScriptLanguageDetector(),
            RoutingConfig.defaults(),
            model -> {
              throw new AssertionError("describing the topology must not load " + model);
            });
    IntentAnalyzer analyzer =
        new IntentAnalyzer(
            TextPipeline.withDefaults(),
            new LanguageResolver(new ScriptLanguageDetector(), router, 0.6),
            router,
            (language, vector) -> {
              throw new AssertionError("describing the topology must not classify");
            });
    try (AvroTopicSerdes serdes =
        AvroTopicSerdes.create(
            RegistryConfig.fromProperties(Map.of("schema.registry.url", "mock://describe")))) {
      TopologyDescription description =
          IntentTopology.build(Topics.defaults(), serdes, analyzer, HandoffRules.defaults())
              .describe();

      // Then it is exactly the pinned one
      assertThat(description.toString().strip()).isEqualTo(pinned());
      assertThat(description.subtopologies()).hasSize(1);
    }
  }

  private static String pinned() throws IOException {
    try (InputStream in =
        IntentTopologyDescriptionTest.class.getResourceAsStream("intent-topology.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
  }
}
