package io.streamdesk.kb.index;

import java.util.Objects;

/**
 * The outcome for one document.
 *
 * @param source where the document came from (path or URI; "" if unknown)
 * @param chunkCount chunks the document has in the index now
 * @param kbVersion the KB version after this document was handled
 * @param language the routed language its chunks are in; null when not known (deleted, failed)
 * @param contentHash SHA-256 (hex) of the document's bytes; null when not read
 * @param error why it failed, for {@link DocumentStatus#FAILED}; else null
 */
public record DocumentResult(
    String documentId,
    String source,
    DocumentStatus status,
    int chunkCount,
    long kbVersion,
    String language,
    String contentHash,
    String error) {

  public DocumentResult {
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(status, "status");
    source = source == null ? "" : source;
    if ((status == DocumentStatus.FAILED) != (error != null)) {
      throw new IllegalArgumentException("a FAILED result, and only that, carries an error");
    }
  }

  static DocumentResult failed(
      String documentId, String source, long kbVersion, String contentHash, String error) {
    return new DocumentResult(
        documentId, source, DocumentStatus.FAILED, 0, kbVersion, null, contentHash, error);
  }
}
