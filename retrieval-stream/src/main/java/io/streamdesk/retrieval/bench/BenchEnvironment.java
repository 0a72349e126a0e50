package io.streamdesk.retrieval.bench;

import io.streamdesk.knowledge.encoder.EncoderConfig;
import io.streamdesk.knowledge.index.VectorIndex;
import io.streamdesk.knowledge.index.VectorIndexes;
import io.streamdesk.knowledge.language.LanguageRouter;
import io.streamdesk.retrieval.RetrievalStreamConfig;
import io.streamdesk.runtime.config.Configuration;
import io.streamdesk.schemas.events.MessageClassified;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the retrieval commands run against: the service's configuration (the same {@code kb.*} and
 * {@code retrieval.*} keys, with an optional index folder override), the configured index, and the
 * routing's encoders to embed the queries as the intent stream would (each text once).
 */
final class BenchEnvironment implements AutoCloseable {

  final RetrievalStreamConfig config;
  final VectorIndex index;
  final LanguageRouter router;

  BenchEnvironment(Path indexDir, Map<String, String> overrides) {
    Map<String, Object> values = new HashMap<>(overrides);
    if (indexDir != null) {
      values.put("kb.index.backend", "lucene");
      values.put("kb.index.dir", indexDir.toString());
    }
    this.config = RetrievalStreamConfig.load(Configuration.load(values));
    this.index = VectorIndexes.open(config.knowledge());
    this.router =
        LanguageRouter.withOnnxModels(config.knowledge().routing(), EncoderConfig.defaults());
  }

  /** The text embedded by its language's model, as MessageClassified carries it. */
  MessageClassified message(
      String conversationId, String messageId, String language, String text, String intent) {
    String lang = config.knowledge().resolveLanguage(language);
    var encoder = router.encoderFor(lang);
    float[] vector = encoder.embed(text);
    List<Float> embedding = new ArrayList<>(vector.length);
    for (float f : vector) {
      embedding.add(f);
    }
    return MessageClassified.newBuilder()
        .setMessageId(messageId)
        .setConversationId(conversationId)
        .setChannel("bench")
        .setReceivedAt(Instant.now())
        .setMaskedText(text)
        .setLanguage(lang)
        .setIntent(intent)
        .setConfidence(0.9)
        .setEmbedding(embedding)
        .setEmbeddingModel(encoder.modelId())
        .setTimings(Map.of())
        .build();
  }

  @Override
  public void close() {
    router.close();
    index.close();
  }
}
