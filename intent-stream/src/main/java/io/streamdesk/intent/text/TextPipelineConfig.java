package io.streamdesk.intent.text;

import io.streamdesk.intent.policy.BuiltInDictionary;
import io.streamdesk.intent.policy.CategoryPolicy;
import io.streamdesk.intent.policy.HandoffConfig;
import io.streamdesk.intent.policy.SensitiveWordConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Settings of the {@link TextPipeline}, one record for its four stages. As properties (all
 * optional; defaults in brackets):
 *
 * <pre>
 * text.max-chars=4000                    cap on the normalised text, 1..1000000
 * text.pii.phone-regions=CN              regions for numbers without +, comma-separated
 * text.pii.mask-service-numbers=false    also mask 400/800 business lines
 * text.pii.legacy-id-cards=true          15-digit IDs after an ID word
 * text.policy.builtin=NONE               NONE | TAGGED | ALL (the library's own dictionary)
 * text.policy.default-lists=true         load the lists shipped in policy/
 * text.policy.word-lists=                extra word-list files or directories, comma-separated
 * text.policy.default-action=MASK        policy of categories not named below
 * text.policy.category.NAME=ACTION[:PRIORITY]   e.g. text.policy.category.competitor=HANDOFF:LOW
 * text.handoff.complaint-threshold=3     complaint weight that triggers a COMPLAINT handoff
 * text.handoff.high-priority-score=6     complaint weight that makes it HIGH
 * text.handoff.lexicons=                 extra complaint-lexicon files, comma-separated
 * </pre>
 *
 * @param maxChars cap on the normalised text in UTF-16 chars (default 4000)
 * @param pii PII masking settings
 * @param words sensitive-word settings
 * @param handoff handoff rule settings
 */
public record TextPipelineConfig(
    int maxChars, PiiConfig pii, SensitiveWordConfig words, HandoffConfig handoff) {

  /** Upper bound of {@code maxChars}: beyond it a message is a document, not a chat turn. */
  public static final int MAX_CHARS_LIMIT = 1_000_000;

  private static final String PREFIX = "text.";
  private static final String CATEGORY_PREFIX = "text.policy.category.";
  private static final List<String> KEYS =
      List.of(
          "text.max-chars",
          "text.pii.phone-regions",
          "text.pii.mask-service-numbers",
          "text.pii.legacy-id-cards",
          "text.policy.builtin",
          "text.policy.default-lists",
          "text.policy.word-lists",
          "text.policy.default-action",
          "text.handoff.complaint-threshold",
          "text.handoff.high-priority-score",
          "text.handoff.lexicons");

  public TextPipelineConfig {
    Objects.requireNonNull(pii, "pii");
    Objects.requireNonNull(words, "words");
    Objects.requireNonNull(handoff, "handoff");
    if (maxChars < 1 || maxChars > MAX_CHARS_LIMIT) {
      throw new IllegalArgumentException(
          "text.max-chars must be between 1 and " + MAX_CHARS_LIMIT + ", was " + maxChars);
    }
  }

  public static TextPipelineConfig defaults() {
    return new TextPipelineConfig(
        TextNormalizer.DEFAULT_MAX_CHARS,
        PiiConfig.defaults(),
        SensitiveWordConfig.defaults(),
        HandoffConfig.defaults());
  }

  public TextPipelineConfig withMaxChars(int maxChars) {
    return new TextPipelineConfig(maxChars, pii, words, handoff);
  }

  public TextPipelineConfig withWords(SensitiveWordConfig words) {
    return new TextPipelineConfig(maxChars, pii, words, handoff);
  }

  /**
   * Reads the {@code text.*} keys of {@code properties} (other keys are ignored); missing keys keep
   * their defaults.
   *
   * @throws IllegalArgumentException naming the key, for an unknown {@code text.*} key or a bad
   *     value
   */
  public static TextPipelineConfig fromProperties(Map<String, String> properties) {
    Map<String, CategoryPolicy> categories =
        new LinkedHashMap<>(SensitiveWordConfig.DEFAULT_POLICIES);
    for (Map.Entry<String, String> e : properties.entrySet()) {
      String key = e.getKey();
      if (!key.startsWith(PREFIX) || KEYS.contains(key)) {
        continue;
      }
      if (key.startsWith(CATEGORY_PREFIX)) {
        String category = key.substring(CATEGORY_PREFIX.length());
        categories.put(category, parse(key, e.getValue(), CategoryPolicy::parse));
      } else {
        throw new IllegalArgumentException(
            "unknown setting '" + key + "'; known: " + KEYS + " and " + CATEGORY_PREFIX + "<name>");
      }
    }
    Reader r = new Reader(properties);
    TextPipelineConfig d = defaults();
    PiiConfig pii =
        new PiiConfig(
            r.list("text.pii.phone-regions", d.pii().phoneRegions()),
            r.bool("text.pii.mask-service-numbers", d.pii().maskServiceNumbers()),
            r.bool("text.pii.legacy-id-cards", d.pii().legacyIdCards()));
    SensitiveWordConfig words =
        new SensitiveWordConfig(
            r.get(
                "text.policy.builtin",
                d.words().builtInDictionary(),
                v -> BuiltInDictionary.valueOf(v.toUpperCase(Locale.ROOT))),
            r.bool("text.policy.default-lists", d.words().includeDefaultLists()),
            r.list("text.policy.word-lists", List.of()).stream().map(Path::of).toList(),
            categories,
            r.get("text.policy.default-action", d.words().defaultPolicy(), CategoryPolicy::parse));
    HandoffConfig handoff =
        new HandoffConfig(
            r.integer("text.handoff.complaint-threshold", d.handoff().complaintThreshold()),
            r.integer("text.handoff.high-priority-score", d.handoff().highPriorityScore()),
            r.list("text.handoff.lexicons", List.of()).stream().map(Path::of).toList());
    return new TextPipelineConfig(r.integer("text.max-chars", d.maxChars()), pii, words, handoff);
  }

  private static <T> T parse(String key, String value, Function<String, T> parser) {
    try {
      return parser.apply(value.strip());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(key + "=" + value + ": " + e.getMessage(), e);
    }
  }

  /** Typed access to the properties, naming the key in every error. */
  private record Reader(Map<String, String> properties) {

    <T> T get(String key, T fallback, Function<String, T> parser) {
      String value = properties.get(key);
      return value == null || value.isBlank() ? fallback : parse(key, value, parser);
    }

    int integer(String key, int fallback) {
      return get(key, fallback, Integer::parseInt);
    }

    boolean bool(String key, boolean fallback) {
      return get(
          key,
          fallback,
          v -> {
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
              throw new IllegalArgumentException("expected true or false");
            }
            return Boolean.parseBoolean(v);
          });
    }

    List<String> list(String key, List<String> fallback) {
      return get(
          key,
          fallback,
          v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
    }
  }
}
