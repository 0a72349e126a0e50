package io.streamdesk.knowledge.index;

import io.streamdesk.knowledge.index.lucene.LuceneIndexConfig;
import io.streamdesk.knowledge.index.lucene.LuceneVectorIndex;
import io.streamdesk.knowledge.index.qdrant.QdrantVectorIndex;
import io.streamdesk.knowledge.settings.KnowledgeSettings;

/**
 * Opens the {@link VectorIndex} that {@link KnowledgeSettings} describe. Both backends pick up new
 * KB versions while running: the Lucene index refreshes its near-real-time searchers after every
 * write (so readers must share the writer's instance: one writer per folder), and Qdrant is a
 * server every process queries.
 */
public final class VectorIndexes {

  private VectorIndexes() {}

  /**
   * @throws IndexException if the index cannot be opened or reached
   */
  public static VectorIndex open(KnowledgeSettings settings) {
    return switch (settings.backend()) {
      case LUCENE ->
          LuceneVectorIndex.open(
              new LuceneIndexConfig(settings.luceneDirectory(), settings.hybrid()));
      case QDRANT -> QdrantVectorIndex.connect(settings.qdrant());
    };
  }
}
