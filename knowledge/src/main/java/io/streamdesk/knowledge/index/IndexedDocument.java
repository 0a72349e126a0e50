package io.streamdesk.knowledge.index;

/**
 * What the index knows about one document.
 *
 * @param contentHash the hash given with its last upsert
 * @param kbVersion the KB version of its last upsert
 */
public record IndexedDocument(
    String documentId, String contentHash, long kbVersion, int chunkCount) {}
