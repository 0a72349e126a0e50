package io.streamdesk.intent.policy;

import io.streamdesk.schemas.events.HandoffPriority;
import io.streamdesk.schemas.events.HandoffReason;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every handoff rule that fired for one message (possibly none).
 *
 * @param signals in the order USER_REQUEST, COMPLAINT, POLICY
 * @param complaintWording whether the complaint lexicon matched anything at all, even below its
 *     handoff threshold (a plain "我要投诉"): with a confident complaint intent that is enough
 */
public record HandoffAssessment(List<HandoffSignal> signals, boolean complaintWording) {

  /** Higher priority first; at equal priority POLICY, then COMPLAINT, then USER_REQUEST. */
  private static final Comparator<HandoffSignal> PRECEDENCE =
      Comparator.comparing(HandoffSignal::priority).thenComparingInt(s -> reasonRank(s.reason()));

  public static final HandoffAssessment NONE = new HandoffAssessment(List.of());

  public HandoffAssessment {
    signals = List.copyOf(signals);
  }

  /** Signals without a note on complaint wording (none found, or not looked for). */
  public HandoffAssessment(List<HandoffSignal> signals) {
    this(signals, false);
  }

  public boolean shouldHandOff() {
    return !signals.isEmpty();
  }

  /** The signal to put on HandoffRequested: the most urgent one. */
  public Optional<HandoffSignal> primary() {
    return signals.stream().max(PRECEDENCE);
  }

  public Optional<HandoffReason> reason() {
    return primary().map(HandoffSignal::reason);
  }

  public Optional<HandoffPriority> priority() {
    return primary().map(HandoffSignal::priority);
  }

  public boolean has(HandoffReason reason) {
    return signals.stream().anyMatch(s -> s.reason() == reason);
  }

  private static int reasonRank(HandoffReason reason) {
    return switch (reason) {
      case POLICY -> 3;
      case COMPLAINT -> 2;
      case USER_REQUEST -> 1;
      default -> 0;
    };
  }
}
