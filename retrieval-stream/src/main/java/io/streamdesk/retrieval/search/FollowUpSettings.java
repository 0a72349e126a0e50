package io.streamdesk.retrieval.search;

import java.time.Duration;
import java.util.Objects;

/**
 * When a message counts as a follow-up and how much of the previous turn it borrows.
 *
 * @param enabled whether follow-ups are expanded at all
 * @param vectorWeight weight of the previous query vector added to the message's own before
 *     normalising (0 = current only, 1 = equal)
 * @param window a previous search older than this is no context any more
 * @param maxHanChars a Chinese message of at most this many Han characters counts as short
 * @param maxWords a message in another language of at most this many words counts as short
 */
public record FollowUpSettings(
    boolean enabled, double vectorWeight, Duration window, int maxHanChars, int maxWords) {

  public FollowUpSettings {
    Objects.requireNonNull(window, "window");
    if (vectorWeight < 0 || vectorWeight > 4) {
      throw new IllegalArgumentException("vectorWeight must be in [0, 4], was " + vectorWeight);
    }
  }

  public static FollowUpSettings defaults() {
    return new FollowUpSettings(true, 0.5, Duration.ofMinutes(10), 12, 4);
  }
}
