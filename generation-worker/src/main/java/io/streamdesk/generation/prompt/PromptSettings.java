package io.streamdesk.generation.prompt;

import io.streamdesk.runtime.config.ConfigDefinition;
import io.streamdesk.runtime.config.ConfigKey;
import io.streamdesk.runtime.config.ConfigValidator;
import io.streamdesk.runtime.config.ConfigValues;

/**
 * How prompts are assembled and fitted.
 *
 * @param maxPassages most passages put in a prompt (the best ones)
 * @param maxHistoryTurns most earlier turns put in a prompt (the latest ones)
 * @param keepRecentTurns turns kept while weaker passages are dropped to make room
 * @param maxPromptTokens prompt budget; 0 means the model's context length minus max new tokens
 */
public record PromptSettings(
    int maxPassages, int maxHistoryTurns, int keepRecentTurns, int maxPromptTokens) {

  /** Budget used when neither the model nor the configuration says how long the context is. */
  public static final int UNKNOWN_CONTEXT_LENGTH = 4096;

  public static final ConfigKey<Integer> MAX_PASSAGES =
      ConfigKey.integer("generation.prompt.max-passages")
          .withDefault(5)
          .withDoc("Most knowledge passages in a prompt (the best ones, numbered [1], [2], ...).")
          .withValidator(ConfigValidator.atLeast(1));

  public static final ConfigKey<Integer> MAX_HISTORY_TURNS =
      ConfigKey.integer("generation.prompt.max-history-turns")
          .withDefault(10)
          .withDoc("Most earlier conversation turns in a prompt (the latest ones).")
          .withValidator(ConfigValidator.atLeast(0));

  public static final ConfigKey<Integer> KEEP_RECENT_TURNS =
      ConfigKey.integer("generation.prompt.keep-recent-turns")
          .withDefault(2)
          .withDoc(
              "When the prompt is too long, older turns go first, down to this many; then the"
                  + " weakest passages (down to one); then these turns and the summary.")
          .withValidator(ConfigValidator.atLeast(0));

  public static final ConfigKey<Integer> MAX_PROMPT_TOKENS =
      ConfigKey.integer("generation.prompt.max-tokens")
          .withDefault(0)
          .withDoc(
              "Prompt token budget, chat template included; 0 = the model's context length minus"
                  + " generation.max-new-tokens ("
                  + UNKNOWN_CONTEXT_LENGTH
                  + " tokens assumed when the model does not say).")
          .withValidator(ConfigValidator.atLeast(0));

  public static final ConfigDefinition DEFINITION =
      ConfigDefinition.of(
          "generation-prompt",
          MAX_PASSAGES,
          MAX_HISTORY_TURNS,
          KEEP_RECENT_TURNS,
          MAX_PROMPT_TOKENS);

  public PromptSettings {
    if (maxPassages < 1 || maxHistoryTurns < 0 || keepRecentTurns < 0 || maxPromptTokens < 0) {
      throw new IllegalArgumentException(
          "prompt settings: max-passages >= 1, history, keep-recent and max-tokens >= 0");
    }
  }

  public static PromptSettings defaults() {
    return new PromptSettings(5, 10, 2, 0);
  }

  public static PromptSettings from(ConfigValues values) {
    return new PromptSettings(
        values.get(MAX_PASSAGES),
        values.get(MAX_HISTORY_TURNS),
        values.get(KEEP_RECENT_TURNS),
        values.get(MAX_PROMPT_TOKENS));
  }

  public PromptSettings withMaxPromptTokens(int value) {
    return new PromptSettings(maxPassages, maxHistoryTurns, keepRecentTurns, value);
  }
}
