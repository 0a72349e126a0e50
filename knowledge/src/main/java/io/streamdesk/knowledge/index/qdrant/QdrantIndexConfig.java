package io.streamdesk.knowledge.index.qdrant;

import io.streamdesk.knowledge.index.HybridConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * Connection and layout of the Qdrant-backed index.
 *
 * @param host Qdrant host; default {@code localhost}
 * @param grpcPort Qdrant gRPC port; default 6334
 * @param useTls TLS on the gRPC channel; default false
 * @param apiKey API key, or null for none (never logged)
 * @param collectionPrefix collections are {@code <prefix>_<language>} for chunks and {@code
 *     <prefix>_documents} for document records and the KB version; default {@code streamdesk_kb}
 * @param timeout per-call deadline; default 10 s
 * @param averageKeywordTokens the average keyword-text length (tokens) assumed by the BM25 length
 *     normalisation of the sparse vectors, which are computed client-side one document at a time;
 *     default 24 (FAQ questions are short, passages long)
 * @param hybrid ranking settings shared with the Lucene index
 */
public record QdrantIndexConfig(
    String host,
    int grpcPort,
    boolean useTls,
    String apiKey,
    String collectionPrefix,
    Duration timeout,
    double averageKeywordTokens,
    HybridConfig hybrid) {

  public QdrantIndexConfig {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("qdrant host must be set");
    }
    if (grpcPort < 1 || grpcPort > 65535) {
      throw new IllegalArgumentException("qdrant gRPC port must be in [1, 65535], was " + grpcPort);
    }
    if (collectionPrefix == null || !collectionPrefix.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException(
          "collection prefix must be letters, digits, '_' or '-', was " + collectionPrefix);
    }
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    if (averageKeywordTokens <= 0) {
      throw new IllegalArgumentException(
          "averageKeywordTokens must be > 0, was " + averageKeywordTokens);
    }
    hybrid = hybrid == null ? HybridConfig.defaults() : hybrid;
  }

  public static QdrantIndexConfig of(String host, int grpcPort) {
    return new QdrantIndexConfig(
        host,
        grpcPort,
        false,
        null,
        "streamdesk_kb",
        Duration.ofSeconds(10),
        24,
        HybridConfig.defaults());
  }

  public QdrantIndexConfig withCollectionPrefix(String prefix) {
    return new QdrantIndexConfig(
        host, grpcPort, useTls, apiKey, prefix, timeout, averageKeywordTokens, hybrid);
  }

  @Override
  public String toString() {
    return "QdrantIndexConfig["
        + host
        + ":"
        + grpcPort
        + (useTls ? " tls" : "")
        + (apiKey == null ? "" : " apiKey=***")
        + ", prefix "
        + collectionPrefix
        + "]";
  }
}
