package io.streamdesk.retrieval.decision;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The direct replies (greeting, handoff, refusal, clarification...) in each language the jar ships
 * ({@code templates/replies_<lang>.properties}), answered in the customer's language or the
 * configured default. Every language file must define every {@link Template}: checked on load.
 */
public final class ReplyTemplates {

  /** The replies retrieval writes itself. */
  public enum Template {
    GREETING,
    THANKS,
    HANDOFF,
    REFUSE,
    COMPLAINT,
    FEEDBACK,
    CLARIFY,
    OUT_OF_SCOPE,
    REPEATED_FAILURE,
    UNAVAILABLE;

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Languages the jar ships templates for. */
  public static final java.util.List<String> LANGUAGES = java.util.List.of("zh", "en");

  private static final Pattern THANKS =
      Pattern.compile(
          "(?i)谢|多谢|感谢|没别的|没有别的|没有其他|没其他|没事了|再见|拜拜|\\bthank|\\bthx\\b|that'?s all|\\bbye\\b|goodbye|cheers");

  private final Map<String, Map<Template, String>> byLanguage;
  private final String defaultLanguage;

  private ReplyTemplates(Map<String, Map<Template, String>> byLanguage, String defaultLanguage) {
    this.byLanguage = byLanguage;
    this.defaultLanguage = defaultLanguage;
  }

  /**
   * The bundled templates.
   *
   * @param defaultLanguage used for a customer language without templates
   * @throws IllegalArgumentException when the default language has no templates
   */
  public static ReplyTemplates bundled(String defaultLanguage) {
    Map<String, Map<Template, String>> all = new TreeMap<>();
    for (String language : LANGUAGES) {
      all.put(language, load(language));
    }
    if (!all.containsKey(defaultLanguage)) {
      throw new IllegalArgumentException(
          "no reply templates for default language '" + defaultLanguage + "'; have " + LANGUAGES);
    }
    return new ReplyTemplates(all, defaultLanguage);
  }

  /** The language a reply to a customer writing in {@code language} is written in. */
  public String replyLanguage(String language) {
    return byLanguage.containsKey(language) ? language : defaultLanguage;
  }

  public String text(Template template, String language) {
    return byLanguage.get(replyLanguage(language)).get(template);
  }

  /** GREETING, or THANKS when the customer is thanking or saying goodbye. */
  public static Template greetingFor(String maskedText) {
    return THANKS.matcher(maskedText).find() ? Template.THANKS : Template.GREETING;
  }

  private static Map<Template, String> load(String language) {
    String resource = "/io/streamdesk/retrieval/templates/replies_" + language + ".properties";
    Properties props = new Properties();
    try (InputStream in = ReplyTemplates.class.getResourceAsStream(resource)) {
      Objects.requireNonNull(in, () -> "missing " + resource);
      props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
    Map<Template, String> out = new EnumMap<>(Template.class);
    for (Template t : Template.values()) {
      String text = props.getProperty(t.key());
      if (text == null || text.isBlank()) {
        throw new IllegalStateException(resource + " lacks the template '" + t.key() + "'");
      }
      out.put(t, text.strip());
    }
    return out;
  }
}
