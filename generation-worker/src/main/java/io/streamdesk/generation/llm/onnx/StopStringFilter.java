package io.streamdesk.generation.llm.onnx;

import java.util.List;

/**
 * Cuts a sequence's text at the first stop string and holds back any tail that could still grow
 * into one, so that streamed text never contains (part of) a stop string. Not thread-safe: one per
 * sequence.
 */
final class StopStringFilter {

  private final List<String> stops;
  private final int longest;
  private final StringBuilder text = new StringBuilder();
  private int emitted;
  private boolean stopped;

  StopStringFilter(List<String> stops) {
    this.stops = stops;
    this.longest = stops.stream().mapToInt(String::length).max().orElse(0);
  }

  /** Appends decoded text; returns what may be streamed now. */
  String append(String delta) {
    if (stopped || delta.isEmpty()) {
      return "";
    }
    int searchFrom = Math.max(0, text.length() - longest + 1);
    text.append(delta);
    int stopAt = firstStop(searchFrom);
    if (stopAt >= 0) {
      stopped = true;
      text.setLength(stopAt);
      return release(stopAt);
    }
    return release(text.length() - heldBack());
  }

  /** True once a stop string was found; the sequence should finish. */
  boolean stopped() {
    return stopped;
  }

  /** Releases what was held back when the sequence ends for another reason. */
  String finish() {
    return release(text.length());
  }

  /** The reply text: everything before the first stop string. */
  String text() {
    return text.toString();
  }

  private int firstStop(int from) {
    int best = -1;
    for (String stop : stops) {
      int at = text.indexOf(stop, from);
      if (at >= 0 && (best < 0 || at < best)) {
        best = at;
      }
    }
    return best;
  }

  /** Length of the longest suffix of the text that is a proper prefix of some stop string. */
  private int heldBack() {
    int max = Math.min(longest - 1, text.length() - emitted);
    for (int len = max; len > 0; len--) {
      int start = text.length() - len;
      for (String stop : stops) {
        if (stop.length() > len && matchesAt(start, stop, len)) {
          return len;
        }
      }
    }
    return 0;
  }

  private boolean matchesAt(int start, String stop, int len) {
    for (int i = 0; i < len; i++) {
      if (text.charAt(start + i) != stop.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private String release(int upTo) {
    if (upTo <= emitted) {
      return "";
    }
    String out = text.substring(emitted, upTo);
    emitted = upTo;
    return out;
  }
}
