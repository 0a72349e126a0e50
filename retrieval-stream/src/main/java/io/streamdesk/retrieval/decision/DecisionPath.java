package io.streamdesk.retrieval.decision;

import java.util.Locale;

/** Which way a message was answered: the {@code path} tag of the decisions metric. */
public enum DecisionPath {
  /** Relevant passages: a GenerateReply. */
  GENERATE,
  /** The same question answered before from the same KB version: the cached reply. */
  CACHE_HIT,
  /** A KB question without a relevant passage: a clarifying question. */
  CLARIFY,
  /** Too many unanswered questions in a row: a handoff (REPEATED_FAILURE). */
  REPEATED_FAILURE,
  /** The intent stream decided a handoff, or the customer asked for a human. */
  HANDOFF,
  /** Greeting or thanks. */
  GREETING,
  /** A sensitive-word policy asked for a refusal. */
  REFUSE,
  /** A complaint without a handoff and without a relevant passage: acknowledged. */
  COMPLAINT,
  /** Feedback: thanked. */
  FEEDBACK,
  /** Out of scope or 'other' without a relevant passage: what the assistant can do. */
  OUT_OF_SCOPE,
  /** The index could not be searched: an apology, no generation. */
  UNAVAILABLE;

  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
