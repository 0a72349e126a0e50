package io.streamdesk.ingest.intake;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a submission must satisfy before it is published: text present and within the limit (413
 * beyond it), a safe conversation id, a well-formed locale, a bounded customer id and metadata.
 * Every violation is a typed {@link ApiProblem} naming the field.
 */
public final class SubmissionRules {

  static final int MAX_CUSTOMER_ID = 128;
  static final int MAX_METADATA_ENTRIES = 32;
  static final int MAX_METADATA_KEY = 64;
  static final int MAX_METADATA_VALUE = 1024;

  private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,4}");
  private static final Pattern METADATA_KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private final int maxTextChars;

  public SubmissionRules(int maxTextChars) {
    this.maxTextChars = maxTextChars;
  }

  public int maxTextChars() {
    return maxTextChars;
  }

  /**
   * Checks every field; the text field is called {@code textField} in messages (text for /v1,
   * user_query for the seed-compatible API).
   */
  public void check(Submission s, String textField, String conversationField) {
    s.conversationId().ifPresent(id -> ConversationIds.require(id, conversationField));
    if (s.text() == null) {
      throw ApiProblem.badRequest("missing_field", textField + " is required");
    }
    if (s.text().isBlank()) {
      throw ApiProblem.badRequest("blank_text", textField + " must not be blank");
    }
    int chars = s.text().codePointCount(0, s.text().length());
    if (chars > maxTextChars) {
      Map<String, Object> sizes = new LinkedHashMap<>();
      sizes.put("max_chars", maxTextChars);
      sizes.put("actual_chars", chars);
      throw ApiProblem.tooLarge(
              "text_too_long",
              textField + " has " + chars + " characters; the limit is " + maxTextChars)
          .with(sizes);
    }
    s.locale().ifPresent(SubmissionRules::checkLocale);
    s.customerId().ifPresent(SubmissionRules::checkCustomerId);
    checkMetadata(s.metadata());
  }

  /** The first language range of an Accept-Language header, if it names a language. */
  public static Optional<String> localeFromAcceptLanguage(String header) {
    if (header == null || header.isBlank() || header.length() > 256) {
      return Optional.empty();
    }
    try {
      List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(header);
      return ranges.stream()
          .map(Locale.LanguageRange::getRange)
          .filter(r -> !r.contains("*"))
          .filter(r -> LOCALE.matcher(r).matches())
          .map(r -> Locale.forLanguageTag(r).toLanguageTag())
          .findFirst();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static void checkLocale(String locale) {
    if (locale.length() > 35 || !LOCALE.matcher(locale).matches()) {
      throw ApiProblem.badRequest(
          "invalid_locale", "locale must be a BCP 47 tag such as zh-CN or en-US");
    }
  }

  private static void checkCustomerId(String customerId) {
    if (customerId.isBlank()
        || customerId.length() > MAX_CUSTOMER_ID
        || customerId.chars().anyMatch(Character::isISOControl)) {
      throw ApiProblem.badRequest(
          "invalid_customer_id",
          "customerId must be 1-" + MAX_CUSTOMER_ID + " characters without control characters");
    }
  }

  private static void checkMetadata(Map<String, String> metadata) {
    if (metadata.size() > MAX_METADATA_ENTRIES) {
      throw ApiProblem.badRequest(
          "invalid_metadata", "metadata has more than " + MAX_METADATA_ENTRIES + " entries");
    }
    metadata.forEach(
        (k, v) -> {
          if (!METADATA_KEY.matcher(k).matches()) {
            throw ApiProblem.badRequest(
                "invalid_metadata",
                "metadata keys must be 1-" + MAX_METADATA_KEY + " of A-Z, a-z, 0-9, '_', '.', '-'");
          }
          if (v == null || v.length() > MAX_METADATA_VALUE) {
            throw ApiProblem.badRequest(
                "invalid_metadata",
                "metadata value of '"
                    + k
                    + "' must be a string of at most "
                    + MAX_METADATA_VALUE
                    + " characters");
          }
        });
  }
}
