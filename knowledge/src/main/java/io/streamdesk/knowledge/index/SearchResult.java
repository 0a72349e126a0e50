package io.streamdesk.knowledge.index;

import java.util.List;

/**
 * Ranked hits, best first, and the KB version of the index snapshot that answered.
 *
 * @param kbVersion version of the snapshot searched: every hit is at or below it
 */
public record SearchResult(List<SearchHit> hits, long kbVersion) {

  public SearchResult {
    hits = List.copyOf(hits);
  }
}
