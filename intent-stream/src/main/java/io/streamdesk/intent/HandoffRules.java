package io.streamdesk.intent;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of the handoff rules the topology applies on top of the text pipeline's signals
 * (USER_REQUEST, COMPLAINT, POLICY).
 *
 * @param lowConfidenceBelow a turn is low-confidence when it is out of scope or its best confidence
 *     is below this; default 0.7 (the seed design's threshold)
 * @param lowConfidenceTurns low-confidence turns in a row that hand the conversation over
 *     (LOW_CONFIDENCE); default 2
 * @param memoryTtl a conversation idle for longer than this starts afresh (streak and recent turns
 *     forgotten) and its store entry is swept; default 30 minutes
 * @param sweepInterval how often (in stream time) expired store entries are deleted; default 5
 *     minutes
 * @param recentTurns masked user turns remembered per conversation and sent on HandoffRequested;
 *     default 5
 * @param humanIntents intents that mean "a human, please" when predicted with confidence: they hand
 *     off as USER_REQUEST even when no request phrase matched; default {@code human_agent}
 * @param complaintIntents intents that mean "I am complaining" when predicted with confidence: they
 *     hand off as COMPLAINT even when the complaint wording is below the lexicon's threshold (a
 *     plain "我要投诉"); default {@code complaint}
 */
public record HandoffRules(
    double lowConfidenceBelow,
    int lowConfidenceTurns,
    Duration memoryTtl,
    Duration sweepInterval,
    int recentTurns,
    Set<String> humanIntents,
    Set<String> complaintIntents) {

  public HandoffRules {
    Objects.requireNonNull(memoryTtl, "memoryTtl");
    Objects.requireNonNull(sweepInterval, "sweepInterval");
    humanIntents = Set.copyOf(humanIntents);
    complaintIntents = Set.copyOf(complaintIntents);
    if (!(lowConfidenceBelow >= 0 && lowConfidenceBelow <= 1)) {
      throw new IllegalArgumentException(
          "low-confidence threshold must be in [0, 1], was " + lowConfidenceBelow);
    }
    if (lowConfidenceTurns < 1) {
      throw new IllegalArgumentException(
          "low-confidence turns must be at least 1, was " + lowConfidenceTurns);
    }
    if (memoryTtl.isNegative() || memoryTtl.isZero()) {
      throw new IllegalArgumentException("memory TTL must be positive, was " + memoryTtl);
    }
    if (sweepInterval.isNegative() || sweepInterval.isZero()) {
      throw new IllegalArgumentException("sweep interval must be positive, was " + sweepInterval);
    }
    if (recentTurns < 1 || recentTurns > 50) {
      throw new IllegalArgumentException("recent turns must be in [1, 50], was " + recentTurns);
    }
  }

  public static HandoffRules defaults() {
    return new HandoffRules(
        0.7,
        2,
        Duration.ofMinutes(30),
        Duration.ofMinutes(5),
        5,
        Set.of("human_agent"),
        Set.of("complaint"));
  }
}
