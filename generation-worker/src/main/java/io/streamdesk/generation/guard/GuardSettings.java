package io.streamdesk.generation.guard;

import io.streamdesk.runtime.config.ConfigDefinition;
import io.streamdesk.runtime.config.ConfigKey;
import io.streamdesk.runtime.config.ConfigValidator;
import io.streamdesk.runtime.config.ConfigValues;
import java.util.List;
import java.util.Objects;

/**
 * What the output guard checks.
 *
 * @param maskPii mask phone numbers, e-mail addresses, ID and card numbers the passages do not
 *     contain
 * @param denyWords words never shown to a customer (matched case-insensitively, replaced by *)
 * @param groundingThreshold share of a model answer's terms that must occur in the passages
 * @param ungroundedAction what replaces an answer below the threshold
 */
public record GuardSettings(
    boolean maskPii,
    List<String> denyWords,
    double groundingThreshold,
    UngroundedAction ungroundedAction) {

  /** What replaces a model answer the passages do not support. */
  public enum UngroundedAction {
    /** The extractive answer from the same passages (or "not found" when there is none). */
    EXTRACTIVE,
    /** A hand-off to a human agent. */
    HANDOFF
  }

  /**
   * A small built-in deny list (insults and profanity in Chinese and English). The intent stream's
   * sensitive-word filter is not shared with this module; configure the list for your shop.
   */
  public static final List<String> DEFAULT_DENY_WORDS =
      List.of("傻逼", "白痴", "蠢货", "去死", "他妈的", "fuck", "shit", "idiot", "moron", "stupid");

  public static final ConfigKey<Boolean> MASK_PII =
      ConfigKey.bool("generation.guard.mask-pii")
          .withDefault(true)
          .withDoc(
              "Mask phone numbers, e-mail addresses, ID and card numbers in replies unless the"
                  + " knowledge passages contain them (a shop's own hotline stays); the input's"
                  + " placeholders such as [PHONE_1] stay as they are.");

  public static final ConfigKey<List<String>> DENY_WORDS =
      ConfigKey.list("generation.guard.deny-words")
          .withDefault(DEFAULT_DENY_WORDS)
          .withDoc(
              "Words never shown to a customer, comma-separated, matched case-insensitively and"
                  + " replaced by asterisks, also while streaming.");

  public static final ConfigKey<Double> GROUNDING_THRESHOLD =
      ConfigKey.decimal("generation.guard.grounding-threshold")
          .withDefault(0.5)
          .withDoc(
              "Share of a model answer's terms (words; character bigrams for Chinese) that must"
                  + " occur in the passages; 0 turns the grounding check off. Refusals and"
                  + " clarifying questions pass without it.")
          .withValidator(ConfigValidator.between(0.0, 1.0));

  public static final ConfigKey<UngroundedAction> UNGROUNDED_ACTION =
      ConfigKey.enumKey("generation.guard.ungrounded-action", UngroundedAction.class)
          .withDefault(UngroundedAction.EXTRACTIVE)
          .withDoc(
              "What replaces an ungrounded model answer: extractive (the passages' own answer,"
                  + " or 'not found') or handoff (a human agent).");

  public static final ConfigDefinition DEFINITION =
      ConfigDefinition.of(
          "generation-guard", MASK_PII, DENY_WORDS, GROUNDING_THRESHOLD, UNGROUNDED_ACTION);

  public GuardSettings {
    denyWords = denyWords.stream().map(String::strip).filter(w -> !w.isEmpty()).toList();
    if (!(groundingThreshold >= 0 && groundingThreshold <= 1)) {
      throw new IllegalArgumentException("grounding-threshold must be in [0, 1]");
    }
    Objects.requireNonNull(ungroundedAction, "ungroundedAction");
  }

  public static GuardSettings defaults() {
    return new GuardSettings(true, DEFAULT_DENY_WORDS, 0.5, UngroundedAction.EXTRACTIVE);
  }

  public static GuardSettings from(ConfigValues values) {
    return new GuardSettings(
        values.get(MASK_PII),
        values.get(DENY_WORDS),
        values.get(GROUNDING_THRESHOLD),
        values.get(UNGROUNDED_ACTION));
  }

  public GuardSettings withUngroundedAction(UngroundedAction value) {
    return new GuardSettings(maskPii, denyWords, groundingThreshold, value);
  }
}
