package io.streamdesk.retrieval.cache;

import io.streamdesk.retrieval.state.FactExtractor;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * The answer-cache key of a question: language, intent and KB version with the normalised text
 * (NFKC, lower case, punctuation and spaces removed), so "What's your return policy?" and "what's
 * your return policy" share an answer while a new KB version shares nothing. Personal questions are
 * never keyed: text with a PII placeholder ({@code [PHONE_1]}) or an order number.
 */
public final class QuestionKey {

  /** Longer questions are not cached: they are rarely asked twice word for word. */
  static final int MAX_CHARS = 200;

  private QuestionKey() {}

  /** The key, or empty when the question must not be cached. */
  public static Optional<String> of(
      String maskedText, String language, String intent, long kbVersion) {
    if (FactExtractor.hasPlaceholder(maskedText) || FactExtractor.namesOrder(maskedText)) {
      return Optional.empty();
    }
    String normalised = normalise(maskedText);
    if (normalised.isEmpty() || normalised.length() > MAX_CHARS) {
      return Optional.empty();
    }
    return Optional.of(language + "|" + intent + "|" + kbVersion + "|" + normalised);
  }

  /** NFKC, lower case, letters and digits only. */
  static String normalise(String text) {
    String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(nfkc.length());
    nfkc.codePoints().filter(Character::isLetterOrDigit).forEach(out::appendCodePoint);
    return out.toString();
  }

  /** The KB version part of a key. */
  public static long kbVersionOf(String key) {
    String[] parts = key.split("\\|", 4);
    return Long.parseLong(parts[2]);
  }
}
