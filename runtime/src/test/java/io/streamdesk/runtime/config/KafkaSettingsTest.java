package io.streamdesk.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

  @Test
  void shouldDefaultToALocalBrokerAndTheInProcessRegistry() {
    // When nothing is configured
    KafkaSettings settings = KafkaSettings.load(Configuration.of(Map.of()));

    // Then the defaults point at a local broker, the mock registry and the plain catalogue
    assertThat(settings.bootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(settings.schemaRegistryUrl()).isEqualTo("mock://streamdesk");
    assertThat(settings.topics().messagesInbound().name()).isEqualTo("cs.messages.inbound");
    assertThat(settings.topics().messagesInbound().partitions()).isEqualTo(6);
  }

  @Test
  void shouldHandClientAndRegistryPropertiesOn() {
    // Given bootstrap, client overrides, registry credentials and topic sizing
    Configuration config =
        Configuration.builder()
            .overrides(
                Map.of(
                    "kafka.bootstrap.servers", "broker-1:9092,broker-2:9092",
                    "kafka.security.protocol", "SASL_SSL",
                    "kafka.sasl.jaas.config", "secret-jaas",
                    "schema.registry.url", "https://registry:8081",
                    "schema.registry.basic.auth.user.info", "svc:pw",
                    "schema.registry.request.timeout.ms", "5000",
                    "topic.prefix", "shadow.r1.",
                    "topic.partitions", "12"))
            .environment(Map.of("STREAMDESK_TOPIC_REPLICATION_FACTOR", "3"))
            .build();

    // When loaded
    KafkaSettings settings = KafkaSettings.load(config);

    // Then clients get bootstrap and overrides, the registry client its own keys
    assertThat(settings.clientProperties())
        .containsEntry("bootstrap.servers", "broker-1:9092,broker-2:9092")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.jaas.config", "secret-jaas");
    assertThat(settings.registryProperties())
        .containsEntry("schema.registry.url", "https://registry:8081")
        .containsEntry("schema.registry.basic.auth.user.info", "svc:pw")
        .containsEntry("schema.registry.request.timeout.ms", "5000");
    assertThat(settings.registryConfig().url()).isEqualTo("https://registry:8081");
    assertThat(settings.registryConfig().requestTimeout()).hasMillis(5000);
    assertThat(settings.registryConfig().credentials()).isPresent();
    assertThat(settings.topics().replies().name()).isEqualTo("shadow.r1.cs.replies");
    assertThat(settings.topics().replies().partitions()).isEqualTo(12);
    assertThat(settings.topics().replies().replicationFactor()).isEqualTo((short) 3);
    // and printing the settings shows no secret
    assertThat(settings.toString())
        .doesNotContain("svc:pw")
        .doesNotContain("secret-jaas")
        .contains("sasl.jaas.config=******")
        .contains("security.protocol=SASL_SSL");
  }

  @Test
  void shouldRejectAnIllegalTopicPrefixWithTheKeyNamed() {
    assertThatThrownBy(() -> KafkaSettings.load(Configuration.of(Map.of("topic.partitions", "0"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("topic.partitions: value '0'")
        .hasMessageContaining("must be at least 1");
    assertThatThrownBy(() -> KafkaSettings.of("b:9092", "mock://x").withTopics(null))
        .isInstanceOf(NullPointerException.class);
  }
}
