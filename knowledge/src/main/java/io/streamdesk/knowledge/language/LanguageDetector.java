package io.streamdesk.knowledge.language;

/**
 * Tells which language a text is written in, as an ISO 639-1 code ({@code zh}, {@code en}, ...) or
 * {@link #UNDETERMINED} when the text has no letters to judge by. Implementations are thread-safe
 * and cheap enough to call on every message.
 */
public interface LanguageDetector {

  /** ISO 639-2 code for "undetermined": no letters (empty, digits, emoji only). */
  String UNDETERMINED = "und";

  DetectedLanguage detect(CharSequence text);

  /**
   * @param language ISO 639-1 code, or {@link #UNDETERMINED}
   * @param confidence share of the text's (weighted) letters that speak for it, in [0, 1]
   */
  record DetectedLanguage(String language, double confidence) {
    public boolean isDetermined() {
      return !UNDETERMINED.equals(language);
    }
  }
}
