package io.streamdesk.retrieval.state;

/**
 * What answering a customer message does to the conversation beyond recording the turn.
 *
 * @param streak how the count of consecutive unanswered messages changes
 * @param handedOff whether the conversation goes to a human agent with this message
 */
public record MessageEffect(Streak streak, boolean handedOff) {

  /** How the unanswered streak changes. */
  public enum Streak {
    /** The knowledge base answered (or will): back to 0. */
    RESET,
    /** Nothing could answer the question: one more. */
    INCREMENT,
    /** Not a question for the knowledge base (greeting, feedback): unchanged. */
    KEEP
  }

  public static MessageEffect keep() {
    return new MessageEffect(Streak.KEEP, false);
  }
}
