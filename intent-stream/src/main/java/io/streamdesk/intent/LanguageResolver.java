package io.streamdesk.intent;

import io.streamdesk.knowledge.language.LanguageDetector;
import io.streamdesk.knowledge.language.LanguageDetector.DetectedLanguage;
import io.streamdesk.knowledge.language.LanguageRouter;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Decides the language a message is embedded and classified in: the script detector's verdict on
 * the masked text (PII placeholders such as {@code [PHONE_1]} left out, their Latin letters would
 * otherwise count as English), routed to a configured language by the {@link LanguageRouter}.
 *
 * <p>The channel's locale is a hint, not an override: it decides only when the text cannot, i.e.
 * when the detector finds no letters (digits, emoji, starred words) or its confidence is below
 * {@code hintBelow} (mixed scripts such as "iPhone 15 Pro 有货吗"), and only when the locale's
 * language is one the router serves. A customer who writes English on a zh-CN page gets English.
 */
public final class LanguageResolver {

  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\[(?:PHONE|EMAIL|ID_CARD|BANK_CARD|IP)_\\d+]");

  private final LanguageDetector detector;
  private final LanguageRouter router;
  private final double hintBelow;

  /**
   * @param detector the detector the router uses (the script detector by default)
   * @param router maps detected languages to configured ones
   * @param hintBelow detection confidence below which a served locale language wins, in [0, 1]
   */
  public LanguageResolver(LanguageDetector detector, LanguageRouter router, double hintBelow) {
    this.detector = Objects.requireNonNull(detector, "detector");
    this.router = Objects.requireNonNull(router, "router");
    if (!(hintBelow >= 0 && hintBelow <= 1)) {
      throw new IllegalArgumentException("hintBelow must be in [0, 1], was " + hintBelow);
    }
    this.hintBelow = hintBelow;
  }

  /**
   * The configured language of a masked message.
   *
   * @param maskedText the message after the text pipeline
   * @param locale the channel's BCP 47 locale hint (e.g. {@code zh-CN}), or null
   */
  public String languageOf(String maskedText, String locale) {
    DetectedLanguage detected = detector.detect(PLACEHOLDER.matcher(maskedText).replaceAll(" "));
    String hinted = servedLanguageOf(locale);
    if (hinted != null && (!detected.isDetermined() || detected.confidence() < hintBelow)) {
      return hinted;
    }
    return router.resolve(detected.language());
  }

  /** The locale's language when the router serves it, else null. */
  private String servedLanguageOf(String locale) {
    if (locale == null || locale.isBlank()) {
      return null;
    }
    String language = Locale.forLanguageTag(locale.strip().replace('_', '-')).getLanguage();
    return router.languages().contains(language) ? language : null;
  }
}
