package io.streamdesk.kb.index;

import io.streamdesk.knowledge.index.VectorIndex;
import io.streamdesk.knowledge.index.VectorIndexes;
import io.streamdesk.knowledge.settings.KnowledgeSettings;
import io.streamdesk.runtime.config.Configuration;
import io.streamdesk.runtime.config.Configuration.RawValue;

/**
 * The knowledge-base index a configuration names, opened the way the retrieval stream opens it:
 * {@code kb.index.backend=lucene} (the folder {@code kb.index.dir}) or {@code qdrant} (the server
 * at {@code kb.qdrant.*}, shared by the indexer and every retrieval replica).
 */
public final class ConfiguredIndex {

  private ConfiguredIndex() {}

  /**
   * @throws IllegalArgumentException naming each invalid {@code kb.*} key
   * @throws io.streamdesk.knowledge.index.IndexException when the index cannot be opened or reached
   */
  public static VectorIndex open(Configuration configuration) {
    KnowledgeSettings settings =
        KnowledgeSettings.parse(key -> configuration.raw(key).map(RawValue::value).orElse(null));
    return VectorIndexes.open(settings);
  }
}
