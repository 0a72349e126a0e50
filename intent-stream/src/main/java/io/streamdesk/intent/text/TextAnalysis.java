package io.streamdesk.intent.text;

import io.streamdesk.intent.policy.CategoryHit;
import io.streamdesk.intent.policy.HandoffAssessment;
import io.streamdesk.schemas.events.PolicyAction;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the {@link TextPipeline} learned about one message. Immutable.
 *
 * <p>{@code normalizedText} and {@code piiMapping} hold personal data: they must not be logged,
 * published or given to a model. {@link #toString()} leaves them out; {@code maskedText} is what
 * everything downstream sees.
 *
 * @param normalizedText normalised text, still holding personal data (for the authoritative side
 *     only, such as restoring placeholders in a reply)
 * @param maskedText normalised text with PII replaced by typed placeholders ({@code [PHONE_1]}) and
 *     sensitive words starred: the text for models, MessageClassified and analytics
 * @param truncated true when the length cap cut the message
 * @param originalLength length of the raw message in UTF-16 chars
 * @param piiTypes kinds of personal data that were masked, in {@link PiiType} order
 * @param piiMapping placeholder to original value; {@code toString} redacts the values
 * @param policyHits sensitive-word categories that matched, with their actions
 * @param suggestedAction the strictest policy action among the hits (HANDOFF over REFUSE over
 *     MASK); empty when no sensitive word matched
 * @param handoff handoff rules that fired (USER_REQUEST, COMPLAINT, POLICY) with priority
 */
public record TextAnalysis(
    String normalizedText,
    String maskedText,
    boolean truncated,
    int originalLength,
    Set<PiiType> piiTypes,
    PiiMapping piiMapping,
    List<CategoryHit> policyHits,
    Optional<PolicyAction> suggestedAction,
    HandoffAssessment handoff) {

  public TextAnalysis {
    Objects.requireNonNull(normalizedText, "normalizedText");
    Objects.requireNonNull(maskedText, "maskedText");
    Objects.requireNonNull(piiTypes, "piiTypes");
    Objects.requireNonNull(piiMapping, "piiMapping");
    Objects.requireNonNull(suggestedAction, "suggestedAction");
    Objects.requireNonNull(handoff, "handoff");
    piiTypes =
        piiTypes.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(piiTypes));
    policyHits = List.copyOf(policyHits);
  }

  /** PII type names as carried in MessageClassified.piiTypes. */
  public List<String> piiTypeNames() {
    return piiTypes.stream().map(Enum::name).toList();
  }

  /** Leaves out the normalised text and the PII values. */
  @Override
  public String toString() {
    return "TextAnalysis[maskedText="
        + maskedText
        + ", truncated="
        + truncated
        + ", originalLength="
        + originalLength
        + ", piiTypes="
        + piiTypes
        + ", piiMapping="
        + piiMapping
        + ", policyHits="
        + policyHits
        + ", suggestedAction="
        + suggestedAction.map(Enum::name).orElse("none")
        + ", handoff="
        + handoff
        + "]";
  }
}
