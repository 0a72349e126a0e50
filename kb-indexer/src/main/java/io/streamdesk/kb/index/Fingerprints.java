package io.streamdesk.kb.index;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * Content hashes and the fingerprint an indexed document is compared by: the SHA-256 of its bytes
 * plus a short hash of everything else that shapes its chunks and vectors (chunking, language
 * routing, and the title, language and category given with it). A document is skipped only when
 * both match, so changing the chunk size or a model re-indexes it.
 */
final class Fingerprints {

  /** Bump when parsing or chunking changes what the same bytes produce. */
  static final String PIPELINE_VERSION = "kb-indexer/1";

  private Fingerprints() {}

  static String sha256(byte[] content) {
    return HexFormat.of().formatHex(digest().digest(content));
  }

  /** {@code <sha256 of the content>:<12 hex digits of the pipeline settings>}. */
  static String fingerprint(String contentHash, IndexerConfig config, SourceDocument document) {
    String settings =
        String.join(
            "|",
            PIPELINE_VERSION,
            Integer.toString(config.chunker().maxChars()),
            Integer.toString(config.chunker().overlapChars()),
            new TreeMap<>(config.routing().modelByLanguage()).toString(),
            config.routing().fallbackLanguage(),
            String.valueOf(document.language()),
            String.valueOf(document.title()),
            String.valueOf(document.category()));
    byte[] hash = digest().digest(settings.getBytes(StandardCharsets.UTF_8));
    return contentHash + ":" + HexFormat.of().formatHex(hash, 0, 6);
  }

  /** The content hash part of a fingerprint. */
  static String contentHashOf(String fingerprint) {
    int colon = fingerprint.indexOf(':');
    return colon < 0 ? fingerprint : fingerprint.substring(0, colon);
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
