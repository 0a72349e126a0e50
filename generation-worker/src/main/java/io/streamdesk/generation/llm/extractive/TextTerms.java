package io.streamdesk.generation.llm.extractive;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns text into comparable terms for overlap scores, in Chinese and English alike: Latin words
 * and numbers become lower-case words (common English function words dropped), and runs of CJK
 * characters become overlapping character bigrams, which match Chinese well without a segmenter (a
 * run of one character stays a unigram). Masking placeholders such as {@code [PHONE_1]} are
 * skipped: they carry no meaning to match.
 */
public final class TextTerms {

  private static final Set<String> STOP_WORDS =
      Set.of(
          "a", "an", "the", "is", "are", "was", "were", "be", "been", "to", "of", "and", "or", "in",
          "on", "at", "for", "with", "by", "from", "as", "it", "its", "this", "that", "i", "you",
          "your", "my", "me", "we", "our", "us", "do", "does", "did", "can", "could", "will",
          "would", "should", "please", "what", "how", "when", "where", "which", "who", "if", "so",
          "but", "not", "no", "yes", "have", "has", "had", "there", "their", "they", "them", "he",
          "she", "his", "her", "any", "some", "about", "into", "than", "then", "also", "just",
          "may", "might", "am", "s", "t");

  private TextTerms() {}

  /** The text's terms in order of appearance, repeats kept. */
  public static List<String> terms(String text) {
    List<String> out = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    int i = 0;
    int n = s.length();
    while (i < n) {
      int cp = s.codePointAt(i);
      if (cp == '[' && placeholderEnd(s, i) > 0) {
        i = placeholderEnd(s, i);
      } else if (isCjk(cp)) {
        int start = i;
        List<Integer> run = new ArrayList<>();
        while (i < n && isCjk(s.codePointAt(i))) {
          run.add(s.codePointAt(i));
          i += Character.charCount(s.codePointAt(i));
        }
        addCjkTerms(run, out);
        assert i > start;
      } else if (Character.isLetterOrDigit(cp)) {
        int start = i;
        while (i < n && Character.isLetterOrDigit(s.codePointAt(i)) && !isCjk(s.codePointAt(i))) {
          i += Character.charCount(s.codePointAt(i));
        }
        String word = s.substring(start, i);
        if (!STOP_WORDS.contains(word)) {
          out.add(stem(word));
        }
      } else {
        i += Character.charCount(cp);
      }
    }
    return out;
  }

  /** The text's distinct terms. */
  public static Set<String> termSet(String text) {
    return new LinkedHashSet<>(terms(text));
  }

  /**
   * The share of {@code terms} found in {@code reference}, in [0, 1]; 0 when {@code terms} is
   * empty.
   */
  public static double coverage(Set<String> terms, Set<String> reference) {
    if (terms.isEmpty()) {
      return 0;
    }
    int found = 0;
    for (String term : terms) {
      if (reference.contains(term)) {
        found++;
      }
    }
    return (double) found / terms.size();
  }

  /**
   * English plurals to their singular, as Lucene's EnglishMinimalStemmer does: {@code refunds} and
   * {@code refund} must match, {@code policies} and {@code policy} too.
   */
  static String stem(String word) {
    int n = word.length();
    if (n < 3 || word.charAt(n - 1) != 's' || !Character.isLetter(word.charAt(0))) {
      return word;
    }
    switch (word.charAt(n - 2)) {
      case 'u', 's' -> {
        return word;
      }
      case 'e' -> {
        if (n > 3 && word.charAt(n - 3) == 'i' && "ae".indexOf(word.charAt(n - 4)) < 0) {
          return word.substring(0, n - 3) + "y";
        }
        if ("iaoe".indexOf(word.charAt(n - 3)) >= 0) {
          return word;
        }
        return word.substring(0, n - 1);
      }
      default -> {
        return word.substring(0, n - 1);
      }
    }
  }

  /** Whether the code point is a Han, kana or Hangul character (no spaces between words). */
  public static boolean isCjk(int codePoint) {
    Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
    return script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA
        || script == Character.UnicodeScript.HANGUL;
  }

  private static void addCjkTerms(List<Integer> run, List<String> out) {
    if (run.size() == 1) {
      out.add(Character.toString(run.getFirst()));
      return;
    }
    for (int k = 0; k + 1 < run.size(); k++) {
      out.add(Character.toString(run.get(k)) + Character.toString(run.get(k + 1)));
    }
  }

  /** End index of a {@code [UPPER_1]} placeholder starting at {@code start}, or -1. */
  private static int placeholderEnd(String lower, int start) {
    int i = start + 1;
    int n = lower.length();
    boolean letters = false;
    while (i < n && (Character.isLetter(lower.charAt(i)) || lower.charAt(i) == '_')) {
      letters = true;
      i++;
    }
    while (i < n && Character.isDigit(lower.charAt(i))) {
      i++;
    }
    return letters && i < n && lower.charAt(i) == ']' ? i + 1 : -1;
  }
}
