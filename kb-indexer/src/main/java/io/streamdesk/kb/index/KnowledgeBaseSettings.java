package io.streamdesk.kb.index;

import io.streamdesk.kb.chunk.ChunkerConfig;
import io.streamdesk.knowledge.language.RoutingConfig;
import io.streamdesk.runtime.config.ConfigDefinition;
import io.streamdesk.runtime.config.ConfigKey;
import io.streamdesk.runtime.config.ConfigValidator;
import io.streamdesk.runtime.config.ConfigValues;
import java.nio.file.Path;

/**
 * Configuration keys of the knowledge base as the indexer service reads them: where the embedded
 * index lives, which model embeds which language, and how documents are chunked. The retrieval side
 * must read the same index folder and routing.
 */
public final class KnowledgeBaseSettings {

  public static final ConfigKey<Path> INDEX_DIR =
      ConfigKey.path("kb.index.dir")
          .withDefault(Path.of(".streamdesk", "index"))
          .withDoc("Folder of the embedded Lucene knowledge-base index (one writer per folder).");

  public static final ConfigKey<String> ROUTING =
      ConfigKey.string("kb.routing")
          .withDefault("zh=bge-small-zh-v15-q,en=bge-small-en-v15-q")
          .withDoc(
              "Embedding model per language, LANG=MODEL comma-separated (models: see ModelCatalogue).")
          .withValidator(ConfigValidator.nonBlank());

  public static final ConfigKey<String> FALLBACK_LANGUAGE =
      ConfigKey.string("kb.fallback.language")
          .withDefault("en")
          .withDoc("Language (a key of kb.routing) for text in a language with no model.")
          .withValidator(ConfigValidator.nonBlank());

  public static final ConfigKey<Integer> CHUNK_MAX_CHARS =
      ConfigKey.integer("kb.chunk.max.chars")
          .withDefault(ChunkerConfig.DEFAULT_MAX_CHARS)
          .withDoc("Longest chunk in characters, overlap included (FAQ rows are never split).")
          .withValidator(ConfigValidator.atLeast(ChunkerConfig.MIN_MAX_CHARS));

  public static final ConfigKey<Integer> CHUNK_OVERLAP_CHARS =
      ConfigKey.integer("kb.chunk.overlap.chars")
          .withDefault(ChunkerConfig.DEFAULT_OVERLAP_CHARS)
          .withDoc(
              "Characters of a chunk's end repeated at the start of the next (below half of kb.chunk.max.chars).")
          .withValidator(ConfigValidator.atLeast(0));

  public static final ConfigKey<Integer> ENCODER_THREADS =
      ConfigKey.integer("kb.encoder.threads")
          .withDefault(0)
          .withDoc("ONNX Runtime intra-op threads per encoder; 0 = one per core.")
          .withValidator(ConfigValidator.atLeast(0));

  public static final ConfigDefinition DEFINITION =
      ConfigDefinition.of(
          "knowledge-base",
          INDEX_DIR,
          ROUTING,
          FALLBACK_LANGUAGE,
          CHUNK_MAX_CHARS,
          CHUNK_OVERLAP_CHARS,
          ENCODER_THREADS);

  private KnowledgeBaseSettings() {}

  /** The routing of resolved values (validated: every model catalogued, fallback configured). */
  public static RoutingConfig routing(ConfigValues values) {
    RoutingConfig routing = RoutingConfig.parse(values.get(ROUTING), values.get(FALLBACK_LANGUAGE));
    routing
        .modelByLanguage()
        .values()
        .forEach(io.streamdesk.knowledge.encoder.ModelCatalogue::require);
    return routing;
  }

  /** The indexer settings of resolved values. */
  public static IndexerConfig indexerConfig(ConfigValues values) {
    return IndexerConfig.defaults()
        .withChunker(
            new ChunkerConfig(values.get(CHUNK_MAX_CHARS), values.get(CHUNK_OVERLAP_CHARS)))
        .withRouting(routing(values));
  }
}
