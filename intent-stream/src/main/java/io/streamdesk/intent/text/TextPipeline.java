package io.streamdesk.intent.text;

import io.streamdesk.intent.policy.HandoffAssessment;
import io.streamdesk.intent.policy.HandoffSignals;
import io.streamdesk.intent.policy.PolicyScan;
import io.streamdesk.intent.policy.SensitiveWordFilter;
import java.util.Objects;

/**
 * One call per inbound message, before anything reaches a model or an analytics topic:
 *
 * <ol>
 *   <li>{@link TextNormalizer}: width, compatibility forms, control characters, whitespace, length
 *       cap;
 *   <li>{@link PiiMasker}: phones, e-mail, ID cards, bank cards, IPs to typed placeholders; order
 *       numbers stay visible;
 *   <li>{@link HandoffSignals}: explicit requests for a human and strong complaints, on the
 *       PII-masked text (before sensitive words are starred, which would hide 骗子);
 *   <li>{@link SensitiveWordFilter}: deny words starred, per-category policy (MASK, REFUSE,
 *       HANDOFF), which also feeds the POLICY handoff signal.
 * </ol>
 *
 * <p>Used by the intent topology on cs.messages.inbound; {@link TextAnalysis#maskedText()} is what
 * goes on cs.messages.classified. Construct once (word lists and patterns load in the constructor);
 * {@link #process} is thread-safe and allocates only per-message objects.
 */
public final class TextPipeline {

  private final TextPipelineConfig config;
  private final TextNormalizer normalizer;
  private final PiiMasker piiMasker;
  private final SensitiveWordFilter wordFilter;
  private final HandoffSignals handoffSignals;

  public TextPipeline(TextPipelineConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.normalizer = new TextNormalizer(config.maxChars());
    this.piiMasker = new PiiMasker(config.pii());
    this.wordFilter = new SensitiveWordFilter(config.words());
    this.handoffSignals = new HandoffSignals(config.handoff());
  }

  public static TextPipeline withDefaults() {
    return new TextPipeline(TextPipelineConfig.defaults());
  }

  public TextPipelineConfig config() {
    return config;
  }

  /**
   * Analyses one raw customer message.
   *
   * @throws NullPointerException when {@code rawText} is null
   */
  public TextAnalysis process(String rawText) {
    Objects.requireNonNull(rawText, "rawText");
    NormalizedText normalized = normalizer.normalize(rawText);
    MaskedText pii = piiMasker.mask(normalized.text());
    PolicyScan scan = wordFilter.scan(pii.text());
    HandoffAssessment handoff = handoffSignals.assess(pii.text(), scan);
    return new TextAnalysis(
        normalized.text(),
        scan.maskedText(),
        normalized.truncated(),
        normalized.originalLength(),
        pii.types(),
        pii.mapping(),
        scan.hits(),
        scan.suggestedAction(),
        handoff);
  }
}
