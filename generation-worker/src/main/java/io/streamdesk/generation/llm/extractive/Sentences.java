package io.streamdesk.generation.llm.extractive;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into sentences, Chinese and English: after 。！？；!?; and after a full stop that is
 * followed by whitespace (so 3.5 and e.g. a URL stay whole), and at line breaks. Each sentence
 * keeps its closing punctuation; blank pieces are dropped, surrounding whitespace trimmed.
 */
public final class Sentences {

  private Sentences() {}

  public static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    int start = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      boolean end =
          switch (c) {
            case '。', '！', '？', '；', '!', '?', ';', '\n' -> true;
            case '.' -> i + 1 >= n || Character.isWhitespace(text.charAt(i + 1));
            default -> false;
          };
      if (end) {
        int stop = i + 1;
        // Keep closing quotes and brackets with the sentence they close.
        while (stop < n && "”’\"')）」".indexOf(text.charAt(stop)) >= 0) {
          stop++;
        }
        add(out, text.substring(start, stop));
        start = stop;
        i = stop - 1;
      }
    }
    add(out, text.substring(Math.min(start, n)));
    return out;
  }

  private static void add(List<String> out, String piece) {
    String trimmed = piece.strip();
    if (!trimmed.isEmpty()) {
      out.add(trimmed);
    }
  }
}
