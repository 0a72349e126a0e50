package io.streamdesk.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdesk.runtime.config.ConfigDefinitionProvider;
import io.streamdesk.runtime.service.ServiceFactory;
import org.junit.jupiter.api.Test;

class RetrievalStreamServiceFactoryTest {

  @Test
  void shouldBeFoundByNameWithEveryKeyDocumented() {
    ServiceFactory factory = ServiceFactory.named("retrieval-stream").orElseThrow();
    assertThat(factory.configDefinition().keys())
        .allSatisfy(k -> assertThat(k.doc()).isNotBlank())
        .extracting(k -> k.name())
        .contains(
            "retrieval.kb.intents",
            "retrieval.relevance.min-cosine",
            "retrieval.cache.ttl",
            "retrieval.conversation.idle-timeout",
            "kb.index.backend",
            "kb.index.dir",
            "kb.routing",
            "kafka.bootstrap.servers",
            "streams.state.dir");
    assertThat(ConfigDefinitionProvider.all())
        .anySatisfy(d -> assertThat(d.component()).isEqualTo("retrieval-stream"));
  }
}
