package io.streamdesk.kb.index;

/** What indexing did to one document. */
public enum DocumentStatus {
  /** New to the index. */
  ADDED,
  /** Its content changed: its old chunks were replaced. */
  UPDATED,
  /** Same content as indexed: skipped. */
  UNCHANGED,
  /** Removed from the index (gone from its folder, or deleted by command). */
  DELETED,
  /** Could not be read, parsed or indexed; the index keeps what it had. */
  FAILED;

  /** Whether the index (and its KB version) changed. */
  public boolean changedIndex() {
    return this == ADDED || this == UPDATED || this == DELETED;
  }
}
