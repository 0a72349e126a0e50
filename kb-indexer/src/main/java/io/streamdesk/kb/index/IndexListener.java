package io.streamdesk.kb.index;

/** Follows an indexing run (for a progress bar). Called on the indexing thread; keep it quick. */
public interface IndexListener {

  IndexListener NONE = new IndexListener() {};

  /** The run found this many documents to look at (deletions come on top). */
  default void started(int documents) {}

  /** One document is done. */
  default void finished(DocumentResult result) {}
}
