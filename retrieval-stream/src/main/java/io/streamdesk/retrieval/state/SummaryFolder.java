package io.streamdesk.retrieval.state;

import io.streamdesk.schemas.events.Turn;
import io.streamdesk.schemas.events.TurnRole;
import java.util.ArrayList;
import java.util.List;

/**
 * The extractive summary of turns that left the window: one line per folded turn (who spoke, the
 * intent, the turn's first sentence), oldest first. When the summary outgrows its budget, lines
 * without a fact (order number, product, date, amount, promise) go first, then the oldest lines, so
 * what an agent needs stays longest. No model is involved.
 */
public final class SummaryFolder {

  private static final int LINE_CHARS = 120;

  private SummaryFolder() {}

  /** The summary with {@code folded} appended, within {@code maxChars}. */
  public static String fold(String summary, Turn folded, int maxChars) {
    List<String> lines = new ArrayList<>();
    if (summary != null && !summary.isBlank()) {
      lines.addAll(summary.lines().toList());
    }
    lines.add(line(folded));
    return trim(lines, maxChars);
  }

  static String line(Turn turn) {
    String who =
        turn.getRole() == TurnRole.USER
            ? "customer" + (turn.getIntent() == null ? "" : " [" + turn.getIntent() + "]")
            : "assistant";
    return "- " + who + ": " + FactExtractor.cut(firstSentence(turn.getText()), LINE_CHARS);
  }

  private static String firstSentence(String text) {
    String t = text.strip().replaceAll("\\s+", " ");
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if ((c == '。' || c == '！' || c == '？' || c == '?' || c == '!' || c == '.') && i >= 8) {
        return t.substring(0, i + 1);
      }
    }
    return t;
  }

  private static String trim(List<String> lines, int maxChars) {
    while (length(lines) > maxChars && !lines.isEmpty()) {
      int drop = -1;
      for (int i = 0; i < lines.size(); i++) {
        if (!hasFact(lines.get(i))) {
          drop = i;
          break;
        }
      }
      lines.remove(drop >= 0 ? drop : 0);
    }
    return String.join("\n", lines);
  }

  private static boolean hasFact(String line) {
    return FactExtractor.hasFacts(line) || !FactExtractor.fromAssistant(line, LINE_CHARS).isEmpty();
  }

  private static int length(List<String> lines) {
    int n = Math.max(0, lines.size() - 1);
    for (String l : lines) {
      n += l.length();
    }
    return n;
  }
}
