package io.streamdesk.kb.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Wraps a paragraph to a width: Latin text breaks after spaces, Chinese text between any two
 * characters, except that closing punctuation ({@code ，。、；：！？）」』”}) never starts a line and opening
 * punctuation ({@code （「『“}) never ends one. A word wider than the line is cut.
 */
final class LineBreaker {

  private static final String NO_LINE_START = "，。、；：！？）」』”’》〉…,.;:!?)]";
  private static final String NO_LINE_END = "（「『“‘《〈([";

  private final MarkdownPdfRenderer.Fonts fonts;
  private final boolean bold;
  private final float size;

  LineBreaker(MarkdownPdfRenderer.Fonts fonts, boolean bold, float size) {
    this.fonts = fonts;
    this.bold = bold;
    this.size = size;
  }

  List<String> wrap(String text, float maxWidth) throws IOException {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String unit : units(text)) {
      String candidate = line + unit;
      if (line.isEmpty() || width(candidate.stripTrailing()) <= maxWidth) {
        line.append(unit);
        continue;
      }
      lines.add(line.toString().strip());
      line.setLength(0);
      line.append(unit.stripLeading());
    }
    if (!line.toString().isBlank()) {
      lines.add(line.toString().strip());
    }
    return cutOverlongLines(lines, maxWidth);
  }

  /** Breakable units: a Latin word with its trailing spaces, or one Chinese character. */
  static List<String> units(String text) {
    List<String> units = new ArrayList<>();
    StringBuilder unit = new StringBuilder();
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      boolean cjk = cp < 0x10000 ? isCjk((char) cp) : true;
      boolean attachToPrevious = NO_LINE_START.indexOf(cp) >= 0;
      if (attachToPrevious) {
        unit.appendCodePoint(cp);
        continue;
      }
      boolean previousOpens =
          !unit.isEmpty() && NO_LINE_END.indexOf(unit.charAt(unit.length() - 1)) >= 0;
      boolean previousEndsWord =
          !unit.isEmpty() && Character.isWhitespace(unit.charAt(unit.length() - 1));
      boolean previousCjk = !unit.isEmpty() && isCjk(unit.charAt(unit.length() - 1));
      if (!unit.isEmpty()
          && !previousOpens
          && (cjk || previousEndsWord || previousCjk)
          && !Character.isWhitespace(cp)) {
        units.add(unit.toString());
        unit.setLength(0);
      }
      unit.appendCodePoint(cp);
    }
    if (!unit.isEmpty()) {
      units.add(unit.toString());
    }
    return units;
  }

  private List<String> cutOverlongLines(List<String> lines, float maxWidth) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      String rest = line;
      while (width(rest) > maxWidth && rest.length() > 1) {
        int end = rest.length() - 1;
        while (end > 1 && width(rest.substring(0, end)) > maxWidth) {
          end--;
        }
        out.add(rest.substring(0, end));
        rest = rest.substring(end);
      }
      out.add(rest);
    }
    return out;
  }

  private float width(String text) {
    try {
      return fonts.width(text, bold, size);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean isCjk(char c) {
    return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
        || (c >= '\u3000' && c <= '\u303F')
        || (c >= '\uFF00' && c <= '\uFFEF');
  }
}
