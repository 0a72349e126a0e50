package io.streamdesk.generation.llm.extractive;

import io.streamdesk.schemas.events.Passage;
import java.util.List;

/**
 * An answer cut from the passages.
 *
 * @param kind how it was found
 * @param pieces the answer in the order it is streamed (one piece per sentence); they concatenate
 *     to {@link #text()}
 * @param cited the passages quoted, best first
 */
public record ExtractiveAnswer(Kind kind, List<String> pieces, List<Passage> cited) {

  /** How an extractive answer was found. */
  public enum Kind {
    /** The best passage is an FAQ row: its answer, as it is. */
    FAQ,
    /** The sentences that share most terms with the question. */
    SENTENCES,
    /** No passage says anything about the question. */
    NONE
  }

  public ExtractiveAnswer {
    pieces = List.copyOf(pieces);
    cited = List.copyOf(cited);
  }

  public String text() {
    return String.join("", pieces);
  }

  public boolean found() {
    return kind != Kind.NONE;
  }
}
