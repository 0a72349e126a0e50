package io.streamdesk.generation.llm.extractive;

import io.streamdesk.runtime.config.ConfigDefinition;
import io.streamdesk.runtime.config.ConfigKey;
import io.streamdesk.runtime.config.ConfigValidator;
import io.streamdesk.runtime.config.ConfigValues;

/**
 * How extractive answers are cut from passages.
 *
 * @param passages how many of the best passages sentences may come from
 * @param maxSentences most sentences in one answer
 * @param maxChars longest answer in characters (the first sentence is kept even if longer)
 * @param minOverlap share of the question's terms a sentence must contain to be used, in [0, 1]
 */
public record ExtractiveSettings(int passages, int maxSentences, int maxChars, double minOverlap) {

  public static final ConfigKey<Integer> PASSAGES =
      ConfigKey.integer("generation.extractive.passages")
          .withDefault(3)
          .withDoc("How many of the best passages an extractive answer may take sentences from.")
          .withValidator(ConfigValidator.atLeast(1));

  public static final ConfigKey<Integer> MAX_SENTENCES =
      ConfigKey.integer("generation.extractive.max-sentences")
          .withDefault(3)
          .withDoc("Most sentences in an extractive answer.")
          .withValidator(ConfigValidator.atLeast(1));

  public static final ConfigKey<Integer> MAX_CHARS =
      ConfigKey.integer("generation.extractive.max-chars")
          .withDefault(400)
          .withDoc(
              "Longest extractive answer in characters; the best sentence is kept even if longer.")
          .withValidator(ConfigValidator.atLeast(20));

  public static final ConfigKey<Double> MIN_OVERLAP =
      ConfigKey.decimal("generation.extractive.min-overlap")
          .withDefault(0.15)
          .withDoc(
              "Share of the question's terms (words; character bigrams for Chinese) a sentence must"
                  + " contain to be quoted; below it for every sentence, the answer is 'not found'.")
          .withValidator(ConfigValidator.between(0.0, 1.0));

  public static final ConfigDefinition DEFINITION =
      ConfigDefinition.of("generation-extractive", PASSAGES, MAX_SENTENCES, MAX_CHARS, MIN_OVERLAP);

  public ExtractiveSettings {
    if (passages < 1 || maxSentences < 1 || maxChars < 1) {
      throw new IllegalArgumentException("extractive passages, sentences and chars must be >= 1");
    }
    if (!(minOverlap >= 0 && minOverlap <= 1)) {
      throw new IllegalArgumentException("extractive min-overlap must be in [0, 1]");
    }
  }

  public static ExtractiveSettings defaults() {
    return new ExtractiveSettings(3, 3, 400, 0.15);
  }

  public static ExtractiveSettings from(ConfigValues values) {
    return new ExtractiveSettings(
        values.get(PASSAGES),
        values.get(MAX_SENTENCES),
        values.get(MAX_CHARS),
        values.get(MIN_OVERLAP));
  }
}
