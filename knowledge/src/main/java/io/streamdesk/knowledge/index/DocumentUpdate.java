package io.streamdesk.knowledge.index;

import java.util.List;
import java.util.Objects;

/**
 * The complete new state of one document: its chunks replace all chunks the document had.
 *
 * @param contentHash hash of the source content, kept so an unchanged document can be skipped
 * @param chunks every chunk of the document (may be empty: the document is known but has no text)
 */
public record DocumentUpdate(String documentId, String contentHash, List<EmbeddedChunk> chunks) {

  public DocumentUpdate {
    if (documentId == null || documentId.isBlank()) {
      throw new IllegalArgumentException("documentId must not be blank");
    }
    Objects.requireNonNull(contentHash, "contentHash");
    chunks = List.copyOf(chunks);
    for (EmbeddedChunk c : chunks) {
      if (!c.chunk().documentId().equals(documentId)) {
        throw new IllegalArgumentException(
            "chunk "
                + c.chunk().id()
                + " belongs to "
                + c.chunk().documentId()
                + ", not "
                + documentId);
      }
    }
    if (chunks.stream().map(c -> c.chunk().id()).distinct().count() != chunks.size()) {
      throw new IllegalArgumentException("document " + documentId + " has duplicate chunk ids");
    }
  }
}
