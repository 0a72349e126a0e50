package io.streamdesk.kb.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamdesk.kb.index.ConfiguredIndex;
import io.streamdesk.knowledge.index.VectorIndex;
import io.streamdesk.knowledge.index.lucene.LuceneVectorIndex;
import io.streamdesk.runtime.config.Configuration;
import io.streamdesk.runtime.config.KafkaSettings;
import io.streamdesk.runtime.service.ServiceContext;
import io.streamdesk.runtime.service.ServiceFactory;
import io.streamdesk.schemas.registry.RegistryConfig;
import io.streamdesk.schemas.serde.AvroTopicSerdes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KbIndexerServiceFactoryTest {

  @TempDir Path indexDir;

  @Test
  void shouldBeFoundByNameAndBuildTheServiceOverASharedIndex() throws Exception {
    // Given the factory found on the classpath and a configuration naming an index folder
    ServiceFactory factory = ServiceFactory.named("kb-indexer").orElseThrow();
    Configuration config = Configuration.of(Map.of("kb.index.dir", indexDir.toString()));

    try (var serdes = AvroTopicSerdes.create(RegistryConfig.mock("kb-factory-test"))) {
      ServiceContext context =
          ServiceContext.of(
              config,
              KafkaSettings.of("127.0.0.1:1", "mock://kb-factory-test"),
              serdes,
              new SimpleMeterRegistry());

      // When the service is created (not started)
      try (var service = factory.create(context)) {
        // Then it reads and writes the knowledge-base topics and shares its index with the JVM
        assertThat(service.name()).isEqualTo("kb-indexer");
        assertThat(service.inputs()).containsExactly("cs.kb.documents");
        assertThat(service.outputs()).containsExactly("cs.kb.events");
        assertThat(service.healthChecks()).containsKey("consumer");
        assertThat(context.sharedResources()).containsKey(VectorIndex.class);
      } finally {
        ((VectorIndex) context.sharedResources().get(VectorIndex.class)).close();
      }
    }
  }

  @Test
  void shouldRefuseAnUnknownModelInTheRouting() {
    ServiceFactory factory = new KbIndexerServiceFactory();
    Configuration config =
        Configuration.of(
            Map.of(
                "kb.index.dir",
                indexDir.toString(),
                "kb.routing",
                "zh=no-such-model,en=bge-small-en-v15-q"));
    try (var serdes = AvroTopicSerdes.create(RegistryConfig.mock("kb-factory-test"))) {
      ServiceContext context =
          ServiceContext.of(
              config,
              KafkaSettings.of("127.0.0.1:1", "mock://kb-factory-test"),
              serdes,
              new SimpleMeterRegistry());
      assertThatThrownBy(() -> factory.create(context))
          .hasMessageContaining("unknown model 'no-such-model'");
    }
  }

  @Test
  void shouldOpenTheIndexTheBackendKeyNames() throws Exception {
    // Given the embedded backend on a folder
    Configuration lucene =
        Configuration.of(Map.of("kb.index.backend", "lucene", "kb.index.dir", indexDir.toString()));

    // Then the index is a Lucene index there
    try (VectorIndex index = ConfiguredIndex.open(lucene)) {
      assertThat(index).isInstanceOf(LuceneVectorIndex.class);
      assertThat(Files.exists(indexDir.resolve("write.lock"))).isTrue();
    }
    // and an unknown backend is refused with the key's name
    assertThatThrownBy(
            () -> ConfiguredIndex.open(Configuration.of(Map.of("kb.index.backend", "elastic"))))
        .hasMessageContaining("kb.index.backend");
  }
}
