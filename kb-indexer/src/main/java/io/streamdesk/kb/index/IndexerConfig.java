package io.streamdesk.kb.index;

import io.streamdesk.kb.chunk.ChunkerConfig;
import io.streamdesk.knowledge.language.RoutingConfig;
import java.util.Objects;

/**
 * Settings of a {@link KnowledgeBaseIndexer}.
 *
 * @param chunker chunk size and overlap; default 500 / 50 characters
 * @param routing the language → model routing the indexer's router was built with; it is part of
 *     each document's fingerprint, so a change of model or chunking re-embeds every document
 *     instead of leaving vectors of two models side by side. Default {@link
 *     RoutingConfig#defaults()}
 * @param embedBatchTexts texts (chunks, plus FAQ questions) collected across documents before one
 *     {@code embedAll} call per language; default 64
 * @param maxDocumentBytes larger files are refused (reported as failed); default 32 MiB
 */
public record IndexerConfig(
    ChunkerConfig chunker, RoutingConfig routing, int embedBatchTexts, long maxDocumentBytes) {

  public static final int DEFAULT_EMBED_BATCH_TEXTS = 64;
  public static final long DEFAULT_MAX_DOCUMENT_BYTES = 32L * 1024 * 1024;

  public IndexerConfig {
    Objects.requireNonNull(chunker, "chunker");
    Objects.requireNonNull(routing, "routing");
    if (embedBatchTexts < 1) {
      throw new IllegalArgumentException("embedBatchTexts must be >= 1, was " + embedBatchTexts);
    }
    if (maxDocumentBytes < 1) {
      throw new IllegalArgumentException("maxDocumentBytes must be >= 1, was " + maxDocumentBytes);
    }
  }

  public static IndexerConfig defaults() {
    return new IndexerConfig(
        ChunkerConfig.defaults(),
        RoutingConfig.defaults(),
        DEFAULT_EMBED_BATCH_TEXTS,
        DEFAULT_MAX_DOCUMENT_BYTES);
  }

  public IndexerConfig withChunker(ChunkerConfig c) {
    return new IndexerConfig(c, routing, embedBatchTexts, maxDocumentBytes);
  }

  public IndexerConfig withRouting(RoutingConfig r) {
    return new IndexerConfig(chunker, r, embedBatchTexts, maxDocumentBytes);
  }
}
