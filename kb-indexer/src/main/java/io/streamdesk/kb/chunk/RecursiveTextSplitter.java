package io.streamdesk.kb.chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts text into pieces of at most {@code maxChars}, at the coarsest boundary that makes a piece
 * fit: paragraph (blank line), line, sentence ({@code 。！？…} and {@code .!?} before a space), clause
 * ({@code ；，、：} and {@code ;,:} before a space), word (whitespace), and only then between
 * characters (never inside a surrogate pair). Punctuation stays with the text before it, so "3.5",
 * "1,000" and "e.g.x" are never cut.
 *
 * <p>The pieces are then packed greedily into chunks; each chunk after the first starts with up to
 * {@code overlapChars} of the previous chunk's end, from the first sentence, clause or word border
 * in that tail (a Chinese tail with no punctuation is taken by characters). Chunks never exceed
 * {@code maxChars}: the overlap is dropped where it would not fit. Stateless and thread-safe.
 */
public final class RecursiveTextSplitter {

  /** Boundary kinds, coarsest first; each pattern matches a delimiter that ends a piece. */
  enum Boundary {
    PARAGRAPH("\\n[ \\t\\x0B\\f\\r]*\\n\\s*"),
    LINE("\\n\\s*"),
    SENTENCE("(?:[。！？…]+|[.!?]+(?=[\\s\"'”’)）\\]」』]|$))[\"'”’)）\\]」』]*\\s*"),
    CLAUSE("(?:[；，、：]|[;,:](?=\\s))\\s*"),
    WORD("\\s+");

    final Pattern pattern;

    Boundary(String regex) {
      this.pattern = Pattern.compile(regex);
    }
  }

  private static final Pattern OVERLAP_START =
      Pattern.compile(
          Boundary.SENTENCE.pattern.pattern()
              + "|"
              + Boundary.CLAUSE.pattern.pattern()
              + "|"
              + Boundary.WORD.pattern.pattern());

  private final ChunkerConfig config;

  public RecursiveTextSplitter(ChunkerConfig config) {
    this.config = config;
  }

  /** The chunks of a text, in order, stripped; none for blank text. */
  public List<String> split(String text) {
    String normalised = text.replace("\r\n", "\n").replace('\r', '\n').strip();
    if (normalised.isEmpty()) {
      return List.of();
    }
    if (normalised.length() <= config.maxChars()) {
      return List.of(normalised);
    }
    List<String> pieces = new ArrayList<>();
    cut(normalised, 0, pieces);
    return pack(pieces);
  }

  /** Adds to {@code out} pieces of {@code text} that fit, each cut at the coarsest border. */
  private void cut(String text, int level, List<String> out) {
    if (text.strip().length() <= config.maxChars()) {
      out.add(text);
      return;
    }
    if (level == Boundary.values().length) {
      cutCharacters(text, out);
      return;
    }
    List<String> parts = splitAfter(text, Boundary.values()[level].pattern);
    if (parts.size() == 1) {
      cut(text, level + 1, out);
      return;
    }
    for (String part : parts) {
      cut(part, level + 1, out);
    }
  }

  /** Cuts after every match of the delimiter; the pieces concatenate back to {@code text}. */
  static List<String> splitAfter(String text, Pattern delimiter) {
    List<String> parts = new ArrayList<>();
    Matcher m = delimiter.matcher(text);
    int start = 0;
    while (m.find()) {
      if (m.end() == m.start()) {
        continue;
      }
      if (m.end() < text.length() && m.start() > start) {
        parts.add(text.substring(start, m.end()));
        start = m.end();
      }
    }
    if (start < text.length()) {
      if (!parts.isEmpty() && text.substring(start).isBlank()) {
        parts.set(parts.size() - 1, parts.getLast() + text.substring(start));
      } else {
        parts.add(text.substring(start));
      }
    }
    return parts;
  }

  private void cutCharacters(String text, List<String> out) {
    int max = config.maxChars();
    int start = 0;
    while (start < text.length()) {
      int end = Math.min(text.length(), start + max);
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
        end--;
      }
      out.add(text.substring(start, end));
      start = end;
    }
  }

  /** Packs pieces greedily into chunks of at most maxChars, with overlap between them. */
  private List<String> pack(List<String> pieces) {
    List<String> chunks = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean hasNew = false; // whether current holds more than the overlap carried over
    for (String piece : pieces) {
      if (hasNew && length(current, piece) > config.maxChars()) {
        String chunk = current.toString().strip();
        chunks.add(chunk);
        current.setLength(0);
        String overlap = overlap(chunk);
        if (!overlap.isEmpty() && length(new StringBuilder(overlap), piece) <= config.maxChars()) {
          current.append(overlap).append(separatorAfter(overlap, piece));
        }
      }
      current.append(piece);
      hasNew = true;
    }
    String last = current.toString().strip();
    if (!last.isEmpty()) {
      chunks.add(last);
    }
    return chunks;
  }

  /** Up to overlapChars of the chunk's end, starting at a sentence, clause or word border. */
  private String overlap(String chunk) {
    int size = config.overlapChars();
    if (size == 0 || chunk.length() <= size) {
      return "";
    }
    int from = chunk.length() - size;
    if (Character.isLowSurrogate(chunk.charAt(from))) {
      from++;
    }
    String tail = chunk.substring(from);
    // Text cut mid-word or mid-clause starts at the next border inside the tail, if there is one.
    boolean atBorder = from > 0 && OVERLAP_START.matcher(chunk.substring(from - 1, from)).matches();
    if (!atBorder) {
      Matcher m = OVERLAP_START.matcher(tail);
      while (m.find()) {
        if (m.end() > m.start() && m.end() < tail.length()) {
          return tail.substring(m.end()).strip();
        }
      }
    }
    return tail.strip();
  }

  /** The overlap ends a chunk that was stripped; give it back a space before Latin text. */
  private static String separatorAfter(String overlap, String piece) {
    char last = overlap.charAt(overlap.length() - 1);
    char next = piece.isEmpty() ? ' ' : piece.charAt(0);
    return Character.isWhitespace(next) || isCjk(last) || isCjk(next) ? "" : " ";
  }

  private static boolean isCjk(char c) {
    return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
        || (c >= '\u3000' && c <= '\u303F')
        || (c >= '\uFF00' && c <= '\uFFEF');
  }

  private static int length(CharSequence current, String piece) {
    return (current.toString() + piece).strip().length();
  }
}
