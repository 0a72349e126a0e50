package io.streamdesk.retrieval.state;

import java.time.Duration;
import java.util.Objects;

/**
 * How much of a conversation the state keeps, and for how long.
 *
 * @param historyTurns turns kept in full (user and assistant turns each count); older ones are
 *     folded into the summary
 * @param maxSummaryChars longest summary; the oldest lines without facts go first
 * @param maxFacts facts kept (the oldest go first)
 * @param maxIntentHistory intents kept
 * @param maxTurnChars longer turn texts are cut (the state stays small whatever customers paste)
 * @param idleTimeout an OPEN or HANDED_OFF conversation without activity for this long is CLOSED
 * @param retention a CLOSED conversation is deleted (tombstone on cs.conversations) after this
 * @param sweepInterval how often the wall-clock punctuator looks for idle conversations
 */
public record StateSettings(
    int historyTurns,
    int maxSummaryChars,
    int maxFacts,
    int maxIntentHistory,
    int maxTurnChars,
    Duration idleTimeout,
    Duration retention,
    Duration sweepInterval) {

  public StateSettings {
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(sweepInterval, "sweepInterval");
    if (historyTurns < 1) {
      throw new IllegalArgumentException("historyTurns must be >= 1, was " + historyTurns);
    }
    if (maxSummaryChars < 0 || maxFacts < 0 || maxIntentHistory < 0) {
      throw new IllegalArgumentException("state limits must be >= 0");
    }
    if (maxTurnChars < 16) {
      throw new IllegalArgumentException("maxTurnChars must be >= 16, was " + maxTurnChars);
    }
  }

  public static StateSettings defaults() {
    return new StateSettings(
        5, 800, 20, 20, 1000, Duration.ofHours(1), Duration.ofDays(7), Duration.ofMinutes(1));
  }
}
