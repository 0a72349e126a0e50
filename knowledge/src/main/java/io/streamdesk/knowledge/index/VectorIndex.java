package io.streamdesk.knowledge.index;

import java.util.Map;
import java.util.Optional;

/**
 * The knowledge base's searchable store: chunks with their vectors and text, grouped by document
 * and by language, with a KB version that every change bumps.
 *
 * <p>Rules every implementation keeps: an upsert replaces all of a document's previous chunks (a
 * search never sees a mix of an old and a new version of one document beyond what the
 * implementation documents); the KB version is monotonic, bumped by every upsert and by every
 * delete of a known document, stored with the chunks and restored after a restart; searches run
 * concurrently with writes and see each write once it has returned; a document indexed with an
 * older version of the keyword analysis ({@link
 * io.streamdesk.knowledge.index.lucene.LanguageAnalyzer#VERSION}) reports its content hash with the
 * prefix {@value #STALE_ANALYSIS_PREFIX}, which matches no real hash, so that an incremental
 * indexer indexes it again. Thread-safe.
 */
public interface VectorIndex extends AutoCloseable {

  /** Prefix of the content hash reported for a document indexed with an older keyword analysis. */
  String STALE_ANALYSIS_PREFIX = "stale-analysis:";

  /**
   * Replaces a document's chunks with the given ones.
   *
   * @return the new KB version
   */
  long upsert(DocumentUpdate update);

  /**
   * Removes a document and its chunks.
   *
   * @return the new KB version, or the current one if the document was not indexed
   */
  long delete(String documentId);

  SearchResult search(SearchRequest request);

  /** The current KB version; 0 for an index that never changed. */
  long version();

  /** The content hash given with the document's last upsert, if it is indexed. */
  default Optional<String> contentHash(String documentId) {
    return document(documentId).map(IndexedDocument::contentHash);
  }

  /** What the index knows about one document, if it is indexed. */
  default Optional<IndexedDocument> document(String documentId) {
    return Optional.ofNullable(documents().get(documentId));
  }

  /** Every indexed document by id (for incremental indexing: find what changed or disappeared). */
  Map<String, IndexedDocument> documents();

  @Override
  void close();
}
