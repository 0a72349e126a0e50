package io.streamdesk.generation.guard;

import io.streamdesk.schemas.events.ReplyAction;
import java.util.Objects;

/**
 * The guard's decision on a draft.
 *
 * @param action the reply's action when the text stays
 * @param support share of the answer's terms found in the passages (1 for extractive text)
 * @param replace true when the text must be replaced ({@link #replacement})
 * @param replacement what replaces it, when {@code replace}
 */
public record Verdict(
    ReplyAction action,
    double support,
    boolean replace,
    GuardSettings.UngroundedAction replacement) {

  public Verdict {
    Objects.requireNonNull(action, "action");
  }

  static Verdict keep(ReplyAction action, double support) {
    return new Verdict(action, support, false, null);
  }

  static Verdict ungrounded(double support, GuardSettings.UngroundedAction replacement) {
    ReplyAction action =
        replacement == GuardSettings.UngroundedAction.HANDOFF
            ? ReplyAction.HANDOFF
            : ReplyAction.ANSWER;
    return new Verdict(action, support, true, replacement);
  }
}
