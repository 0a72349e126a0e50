package io.streamdesk.kb.index;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of one indexing run: a result per document found (and per document deleted), the KB
 * version at the end, and how long it took.
 */
public record IndexSummary(List<DocumentResult> results, long kbVersion, Duration elapsed) {

  public IndexSummary {
    results = List.copyOf(results);
  }

  public long count(DocumentStatus status) {
    return results.stream().filter(r -> r.status() == status).count();
  }

  public long added() {
    return count(DocumentStatus.ADDED);
  }

  public long updated() {
    return count(DocumentStatus.UPDATED);
  }

  public long unchanged() {
    return count(DocumentStatus.UNCHANGED);
  }

  public long deleted() {
    return count(DocumentStatus.DELETED);
  }

  public long failed() {
    return count(DocumentStatus.FAILED);
  }

  /** Chunks embedded and written in this run (by added and updated documents). */
  public long chunksWritten() {
    return results.stream()
        .filter(r -> r.status() == DocumentStatus.ADDED || r.status() == DocumentStatus.UPDATED)
        .mapToLong(DocumentResult::chunkCount)
        .sum();
  }

  public List<DocumentResult> failures() {
    return results.stream().filter(r -> r.status() == DocumentStatus.FAILED).toList();
  }

  /** Whether the run changed nothing in the index. */
  public boolean unchangedIndex() {
    return results.stream().noneMatch(r -> r.status().changedIndex());
  }
}
