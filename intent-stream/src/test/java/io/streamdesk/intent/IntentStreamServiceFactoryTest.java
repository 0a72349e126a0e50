package io.streamdesk.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamdesk.runtime.config.ConfigDefinitionProvider;
import io.streamdesk.runtime.config.ConfigException;
import io.streamdesk.runtime.config.Configuration;
import io.streamdesk.runtime.config.KafkaSettings;
import io.streamdesk.runtime.service.ServiceContext;
import io.streamdesk.runtime.service.ServiceFactory;
import io.streamdesk.runtime.service.StreamDeskService;
import io.streamdesk.schemas.registry.InMemorySchemaRegistry;
import io.streamdesk.schemas.serde.AvroTopicSerdes;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntentStreamServiceFactoryTest {

  @Test
  void shouldBeFoundByNameWithItsConfigDefinition() {
    // When the service SPI is asked for intent-stream
    ServiceFactory factory = ServiceFactory.named("intent-stream").orElseThrow();

    // Then its definition holds its own keys and the shared Kafka and Streams ones
    assertThat(factory).isInstanceOf(IntentStreamServiceFactory.class);
    assertThat(factory.configDefinition().key("language.models")).isPresent();
    assertThat(factory.configDefinition().key("kafka.bootstrap.servers")).isPresent();
    assertThat(factory.configDefinition().key("streams.commit.interval")).isPresent();
    // and the reference lists the service's own keys once
    assertThat(ConfigDefinitionProvider.all())
        .filteredOn(d -> d.component().equals("intent-stream"))
        .singleElement()
        .satisfies(d -> assertThat(d.key("kafka.bootstrap.servers")).isEmpty());
  }

  @Test
  void shouldCreateTheServiceWithoutLoadingAnythingAndDescribeItsTopics() {
    // Given a context
    Configuration configuration = Configuration.of(Map.of("schema.registry.url", "mock://factory"));
    KafkaSettings kafka = KafkaSettings.load(configuration);
    try (AvroTopicSerdes serdes = AvroTopicSerdes.create(kafka.registryConfig())) {
      // When the service is created (not started)
      StreamDeskService service =
          new IntentStreamServiceFactory()
              .create(ServiceContext.of(configuration, kafka, serdes, new SimpleMeterRegistry()));

      // Then it names its topics and has nothing to check or close yet
      assertThat(service.name()).isEqualTo("intent-stream");
      assertThat(service.inputs()).containsExactly("cs.messages.inbound");
      assertThat(service.outputs())
          .containsExactly("cs.messages.classified", "cs.handoffs", "cs.dlq");
      assertThat(service.healthChecks()).isEmpty();
      service.close();
    } finally {
      InMemorySchemaRegistry.drop("factory");
    }
  }

  @Test
  void shouldRefuseABadConfigurationBeforeStarting() {
    Configuration configuration =
        Configuration.of(Map.of("handoff.low-confidence.turns", "0", "language.fallback", "fr"));
    KafkaSettings kafka = KafkaSettings.load(configuration);
    try (AvroTopicSerdes serdes = AvroTopicSerdes.create(kafka.registryConfig())) {
      ServiceContext context =
          ServiceContext.of(configuration, kafka, serdes, new SimpleMeterRegistry());
      assertThatThrownBy(() -> new IntentStreamServiceFactory().create(context))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("handoff.low-confidence.turns");
    }
  }
}
