package io.streamdesk.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdesk.intent.policy.CategoryPolicy;
import io.streamdesk.intent.text.TextPipelineConfig;
import io.streamdesk.knowledge.encoder.EncoderConfig;
import io.streamdesk.knowledge.language.RoutingConfig;
import io.streamdesk.runtime.config.ConfigException;
import io.streamdesk.runtime.config.ConfigKey;
import io.streamdesk.runtime.config.Configuration;
import io.streamdesk.schemas.events.HandoffPriority;
import io.streamdesk.schemas.events.PolicyAction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IntentStreamConfigTest {

  @Test
  void shouldResolveEveryDefault() {
    // When nothing is set
    IntentStreamConfig config = IntentStreamConfig.load(Configuration.of(Map.of()));

    // Then every part is at its documented default
    assertThat(config.routing()).isEqualTo(RoutingConfig.defaults());
    assertThat(config.encoder()).isEqualTo(EncoderConfig.defaults());
    assertThat(config.handoff()).isEqualTo(HandoffRules.defaults());
    assertThat(config.text()).isEqualTo(TextPipelineConfig.defaults());
    assertThat(config.languageHintBelow()).isEqualTo(0.6);
    assertThat(config.classifier().modelsDirectory()).isEmpty();
    assertThat(config.classifier().pollInterval()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void shouldDocumentEveryKeyWithADefaultOrAsOptional() {
    for (ConfigKey<?> key : IntentStreamConfig.DEFINITION.keys()) {
      assertThat(key.doc()).as(key.name()).isNotBlank();
    }
    assertThat(IntentStreamConfig.DEFINITION.keys())
        .filteredOn(k -> k.defaultValue() == null && !k.isSecret())
        .extracting(ConfigKey::name)
        .containsExactly("intent.models.dir");
    assertThat(IntentStreamConfig.DEFINITION.toMarkdown())
        .contains(
            "`language.models`", "`handoff.low-confidence.turns`", "`text.policy.category.*`");
  }

  @Test
  void shouldReadEveryPart() {
    // Given every kind of key set
    Map<String, String> values =
        Map.ofEntries(
            Map.entry("language.models", "zh=bge-small-zh-v15,en=bge-small-en-v15"),
            Map.entry("language.fallback", "zh"),
            Map.entry("language.hint-below", "0.3"),
            Map.entry("encoder.intra-op-threads", "1"),
            Map.entry("intent.models.dir", "/var/lib/intents"),
            Map.entry("intent.models.poll.interval", "5s"),
            Map.entry("handoff.low-confidence.below", "0.5"),
            Map.entry("handoff.low-confidence.turns", "3"),
            Map.entry("handoff.memory.ttl", "10m"),
            Map.entry("handoff.recent-turns", "2"),
            Map.entry("handoff.human-intents", "human_agent,complaint"),
            Map.entry("text.max-chars", "500"),
            Map.entry("text.policy.category.competitor", "HANDOFF:LOW"),
            Map.entry("streams.num.threads", "2"));

    // When loaded
    IntentStreamConfig config = IntentStreamConfig.load(Configuration.of(values));

    // Then each part carries its values
    assertThat(config.routing().modelFor("en")).isEqualTo("bge-small-en-v15");
    assertThat(config.routing().fallbackLanguage()).isEqualTo("zh");
    assertThat(config.languageHintBelow()).isEqualTo(0.3);
    assertThat(config.encoder().intraOpThreads()).isEqualTo(1);
    assertThat(config.classifier().modelsDirectory()).hasValue(Path.of("/var/lib/intents"));
    assertThat(config.classifier().pollInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.handoff().lowConfidenceBelow()).isEqualTo(0.5);
    assertThat(config.handoff().lowConfidenceTurns()).isEqualTo(3);
    assertThat(config.handoff().memoryTtl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.handoff().recentTurns()).isEqualTo(2);
    assertThat(config.handoff().humanIntents()).isEqualTo(Set.of("human_agent", "complaint"));
    assertThat(config.text().maxChars()).isEqualTo(500);
    assertThat(config.text().words().policyFor("competitor"))
        .isEqualTo(new CategoryPolicy(PolicyAction.HANDOFF, HandoffPriority.LOW));
    assertThat(config.streams().threads()).isEqualTo(2);
  }

  @Test
  void shouldReportEveryProblemAtOnce() {
    // Given an unknown model, a fallback without a model, a bad threshold and a bad policy
    Map<String, String> values =
        Map.of(
            "language.models", "zh=no-such-model",
            "language.fallback", "en",
            "handoff.low-confidence.below", "1.5",
            "text.policy.category.competitor", "SHOUT");

    // Then loading fails naming each key
    assertThatThrownBy(() -> IntentStreamConfig.load(Configuration.of(values)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("handoff.low-confidence.below");
    Map<String, String> composite =
        Map.of(
            "language.models", "zh=no-such-model,en=bge-small-en-v15-q",
            "text.policy.category.competitor", "SHOUT");
    assertThatThrownBy(() -> IntentStreamConfig.load(Configuration.of(composite)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("language.models")
        .hasMessageContaining("no-such-model")
        .hasMessageContaining("text.*")
        .hasMessageContaining("SHOUT");
  }
}
