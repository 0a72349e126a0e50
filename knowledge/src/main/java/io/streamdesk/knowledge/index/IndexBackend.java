package io.streamdesk.knowledge.index;

import java.util.Locale;

/** Which {@link VectorIndex} implementation holds the knowledge base. */
public enum IndexBackend {
  /** Embedded Lucene index in a local folder: one process writes it (the single-JVM stack). */
  LUCENE,
  /** A Qdrant server (or cluster) shared by every process: the distributed deployment. */
  QDRANT;

  /** Parses {@code lucene} or {@code qdrant}, case-insensitive. */
  public static IndexBackend parse(String raw) {
    try {
      return valueOf(raw.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "index backend must be lucene or qdrant, was '" + raw + "'", e);
    }
  }
}
