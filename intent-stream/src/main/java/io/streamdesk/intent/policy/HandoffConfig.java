package io.streamdesk.intent.policy;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Settings of {@link HandoffSignals}.
 *
 * @param complaintThreshold complaint weight (sum over matched lexicon phrases) from which a
 *     message is a COMPLAINT handoff; default 3 (骗子 alone, or 投诉你们 + 太垃圾了). LEGAL, REGULATOR and
 *     MEDIA phrases fire regardless
 * @param highPriorityScore complaint weight from which the priority is HIGH; default 6
 * @param extraLexicons complaint-lexicon files added to the shipped one, same format; default none
 */
public record HandoffConfig(
    int complaintThreshold, int highPriorityScore, List<Path> extraLexicons) {

  public HandoffConfig {
    Objects.requireNonNull(extraLexicons, "extraLexicons");
    extraLexicons = List.copyOf(extraLexicons);
    if (complaintThreshold < 1) {
      throw new IllegalArgumentException(
          "handoff complaint threshold must be at least 1, was " + complaintThreshold);
    }
    if (highPriorityScore < complaintThreshold) {
      throw new IllegalArgumentException(
          "handoff high-priority score ("
              + highPriorityScore
              + ") must not be below the complaint threshold ("
              + complaintThreshold
              + ")");
    }
  }

  public static HandoffConfig defaults() {
    return new HandoffConfig(3, 6, List.of());
  }
}
