package io.streamdesk.retrieval;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamdesk.knowledge.index.VectorIndex;
import io.streamdesk.runtime.config.Configuration;
import io.streamdesk.schemas.events.MessageClassified;
import io.streamdesk.testkit.Events;
import io.streamdesk.testkit.TopologyHarness;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One retrieval topology on the testkit's driver over a {@link SyntheticKnowledgeBase}, configured
 * through the service's own configuration keys (defaults unless a test overrides them).
 */
final class RetrievalFixture implements AutoCloseable {

  final TopologyHarness harness;
  final VectorIndex index;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final RetrievalMetrics metrics;
  final RetrievalStreamConfig config;

  RetrievalFixture(Path indexDir, Map<String, String> overrides) {
    Map<String, Object> values = new HashMap<>();
    values.put("retrieval.kb-version.max-age", "0ms");
    values.putAll(overrides);
    this.config = RetrievalStreamConfig.load(Configuration.of(values));
    this.index = SyntheticKnowledgeBase.open(indexDir);
    this.metrics = new RetrievalMetrics(registry);
    this.harness = TopologyHarness.forService(RetrievalTopology.SERVICE);
    harness.start(
        RetrievalTopology.build(
            harness.topics(),
            harness.serdes(),
            RetrievalComponents.create(config, index, metrics)));
  }

  RetrievalFixture(Path indexDir) {
    this(indexDir, Map.of());
  }

  /** An English KB question whose vector lies on an axis of the synthetic space. */
  static MessageClassified.Builder question(
      String conversationId, String messageId, String text, int axis) {
    return Events.messageClassified()
        .setConversationId(conversationId)
        .setMessageId(messageId)
        .setMaskedText(text)
        .setIntent("product_inquiry")
        .setEmbedding(SyntheticKnowledgeBase.axis(axis))
        .setEmbeddingModel(SyntheticKnowledgeBase.EN_MODEL);
  }

  /** A message of some intent, no vector. */
  static MessageClassified.Builder message(
      String conversationId, String messageId, String text, String intent) {
    return Events.messageClassified()
        .setConversationId(conversationId)
        .setMessageId(messageId)
        .setMaskedText(text)
        .setIntent(intent)
        .setEmbedding(List.of())
        .setEmbeddingModel("");
  }

  @Override
  public void close() {
    try {
      harness.close();
    } finally {
      index.close();
    }
  }
}
