package io.streamdesk.intent.text;

import java.text.Normalizer;
import java.util.Objects;

/**
 * Normalises a customer message before masking, filtering and classification, in one pass:
 *
 * <ol>
 *   <li>control characters (Cc, except line breaks and tabs), format characters (Cf: zero-width
 *       space/joiners, BOM, soft hyphen, bidi controls), unpaired surrogates and noncharacters are
 *       removed;
 *   <li>full-width ASCII (U+FF01..U+FF5E: letters, digits, {@code ＠ ． ＋ － ／ ＃}...) becomes ASCII,
 *       <em>except</em> the punctuation Chinese text is written with: {@code ，！？：；（）} stay full
 *       width (and {@code 。、《》“”【】…} are untouched) because the Chinese analyser, the sentence
 *       splitter and the classifier were trained on them;
 *   <li>every other compatibility character takes its NFKC form ({@code ① → 1}, {@code ㎡ → m2},
 *       {@code 𝐀 → A}, {@code ﬁ → fi}, half-width katakana and {@code ｡} to full width, CJK
 *       compatibility ideographs to unified ones), except {@code …} and {@code ‥}, which NFKC would
 *       turn into dots; the text is then NFC-composed where it holds combining marks. NFKC is
 *       applied per character rather than to the whole string precisely so that the protected
 *       punctuation survives;
 *   <li>a run of whitespace (including U+3000 and NBSP) becomes one space, or one newline when the
 *       run holds a line break; leading and trailing whitespace is dropped. Spaces between Chinese
 *       characters are kept: chat users type them as clause separators;
 *   <li>the result is capped at {@code maxChars} UTF-16 chars (a surrogate pair is never split) and
 *       the cut is reported. Work stops at the cap, so a huge message costs no more than a capped
 *       one.
 * </ol>
 *
 * <p>Immutable and thread-safe; the compatibility table is built once per JVM.
 */
public final class TextNormalizer {

  /** Default cap on the normalised length, in UTF-16 chars. */
  public static final int DEFAULT_MAX_CHARS = 4000;

  private static final String PROTECTED_FULL_WIDTH = "，！？：；（）";
  private static final String PROTECTED_COMPAT = "…‥";
  private static final String[] BMP_COMPAT = buildCompatibilityTable();

  private final int maxChars;

  /**
   * @param maxChars cap on the normalised text, in UTF-16 chars; at least 1
   */
  public TextNormalizer(int maxChars) {
    if (maxChars < 1) {
      throw new IllegalArgumentException("maxChars must be at least 1, was " + maxChars);
    }
    this.maxChars = maxChars;
  }

  /** A normaliser with the {@link #DEFAULT_MAX_CHARS default cap}. */
  public static TextNormalizer withDefaults() {
    return new TextNormalizer(DEFAULT_MAX_CHARS);
  }

  public int maxChars() {
    return maxChars;
  }

  /**
   * Normalises {@code raw}.
   *
   * @throws NullPointerException when {@code raw} is null
   */
  public NormalizedText normalize(String raw) {
    Objects.requireNonNull(raw, "raw text");
    StringBuilder out = new StringBuilder(Math.min(raw.length(), maxChars) + 8);
    Whitespace pending = Whitespace.NONE;
    boolean needsComposition = false;
    boolean truncated = false;

    for (int i = 0; i < raw.length(); ) {
      int cp = raw.codePointAt(i);
      i += Character.charCount(cp);

      if (isLineBreak(cp)) {
        pending = Whitespace.NEWLINE;
        continue;
      }
      if (isHorizontalSpace(cp)) {
        if (pending == Whitespace.NONE) {
          pending = Whitespace.SPACE;
        }
        continue;
      }
      if (isRemovable(cp)) {
        continue;
      }

      String mapped = map(cp);
      int needed = (mapped == null ? Character.charCount(cp) : mapped.length());
      int separator = (pending != Whitespace.NONE && !out.isEmpty()) ? 1 : 0;
      if (out.length() + separator + needed > maxChars) {
        truncated = true;
        break;
      }
      if (separator == 1) {
        out.append(pending == Whitespace.NEWLINE ? '\n' : ' ');
      }
      pending = Whitespace.NONE;
      if (mapped == null) {
        out.appendCodePoint(cp);
        needsComposition |= isCombining(cp);
      } else {
        out.append(mapped);
        // A compatibility mapping can yield combining marks (half-width voiced sound mark).
        needsComposition |= cp > 0xFF5E || cp < 0xFF01;
      }
    }

    String text = out.toString();
    if (needsComposition && !Normalizer.isNormalized(text, Normalizer.Form.NFC)) {
      text = Normalizer.normalize(text, Normalizer.Form.NFC);
      if (text.length() > maxChars) {
        text = cut(text, maxChars);
        truncated = true;
      }
    }
    return new NormalizedText(text, truncated, raw.length());
  }

  /** The replacement for {@code cp}, or null when it stays as it is. */
  private static String map(int cp) {
    if (cp < 0x80) {
      return null;
    }
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
      return PROTECTED_FULL_WIDTH.indexOf(cp) >= 0 ? null : String.valueOf((char) (cp - 0xFEE0));
    }
    if (cp <= 0xFFFF) {
      return BMP_COMPAT[cp];
    }
    // Supplementary planes: mathematical alphanumerics, enclosed alphanumerics, CJK compatibility
    // ideographs supplement. Rare enough to normalise on demand.
    if ((cp >= 0x1D400 && cp <= 0x1D7FF)
        || (cp >= 0x1F100 && cp <= 0x1F1FF)
        || (cp >= 0x2F800 && cp <= 0x2FA1F)) {
      String s = Character.toString(cp);
      String n = Normalizer.normalize(s, Normalizer.Form.NFKC);
      return n.equals(s) ? null : n;
    }
    return null;
  }

  private static String[] buildCompatibilityTable() {
    String[] table = new String[0x10000];
    for (int cp = 0xA0; cp < 0x10000; cp++) {
      if (Character.isSurrogate((char) cp)
          || (cp >= 0x4E00 && cp <= 0x9FFF)
          || (cp >= 0xAC00 && cp <= 0xD7A3)
          || PROTECTED_COMPAT.indexOf(cp) >= 0) {
        continue;
      }
      String s = String.valueOf((char) cp);
      String n = Normalizer.normalize(s, Normalizer.Form.NFKC);
      if (!n.equals(s)) {
        table[cp] = n;
      }
    }
    return table;
  }

  private static boolean isLineBreak(int cp) {
    return cp == '\n'
        || cp == '\r'
        || cp == 0x0B
        || cp == 0x0C
        || cp == 0x85
        || cp == 0x2028
        || cp == 0x2029;
  }

  private static boolean isHorizontalSpace(int cp) {
    return cp == ' '
        || cp == '\t'
        || cp == 0xA0
        || cp == 0x2007
        || cp == 0x202F
        || Character.getType(cp) == Character.SPACE_SEPARATOR
        || (cp >= 0x1C && cp <= 0x1F);
  }

  private static boolean isRemovable(int cp) {
    int type = Character.getType(cp);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.SURROGATE
        || (cp >= 0xFDD0 && cp <= 0xFDEF)
        || (cp & 0xFFFE) == 0xFFFE;
  }

  private static boolean isCombining(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || (cp >= 0x1100 && cp <= 0x11FF);
  }

  private static String cut(String text, int max) {
    int end = max;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }

  private enum Whitespace {
    NONE,
    SPACE,
    NEWLINE
  }
}
