package io.streamdesk.knowledge.index.lucene;

import io.streamdesk.knowledge.index.HybridConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of the embedded Lucene index.
 *
 * @param directory where the index lives on disk (created if missing); one writer per directory
 * @param hybrid ranking settings, shared with the other backends; default {@link
 *     HybridConfig#defaults()}
 */
public record LuceneIndexConfig(Path directory, HybridConfig hybrid) {

  public LuceneIndexConfig {
    Objects.requireNonNull(directory, "directory (the index folder) must be set");
    hybrid = hybrid == null ? HybridConfig.defaults() : hybrid;
  }

  public static LuceneIndexConfig at(Path directory) {
    return new LuceneIndexConfig(directory, HybridConfig.defaults());
  }
}
