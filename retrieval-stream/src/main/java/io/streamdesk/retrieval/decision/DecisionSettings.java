package io.streamdesk.retrieval.decision;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How a classified message is answered.
 *
 * @param kbIntents intents answered from the knowledge base: no relevant passage means a clarifying
 *     question, and repeated ones a handoff
 * @param opportunisticIntents intents searched too, answered from the knowledge base when a passage
 *     is relevant and with their own direct reply otherwise (complaint: acknowledgement; other:
 *     out-of-scope clarification)
 * @param handoffAfterUnanswered the customer message that makes this many unanswered ones in a row
 *     is handed to a human agent (REPEATED_FAILURE)
 * @param generationDeadline the generation worker answers FALLBACK after requestedAt + this
 * @param topK passages in a generation request
 * @param templateLanguage language of direct replies for customers writing in a language without
 *     templates
 * @param directMinConfidence least confidence for a greeting or thanks to get its direct reply;
 *     below it the message is searched like the {@code other} intent (a short follow-up such as
 *     "And Gold?" is easily read as a greeting); default 0.7, the intent stream's low-confidence
 *     bar
 */
public record DecisionSettings(
    Set<String> kbIntents,
    Set<String> opportunisticIntents,
    int handoffAfterUnanswered,
    Duration generationDeadline,
    int topK,
    String templateLanguage,
    double directMinConfidence) {

  public static final Set<String> DEFAULT_KB_INTENTS =
      Set.of("product_inquiry", "order_status", "after_sales", "technical_support");

  public DecisionSettings {
    kbIntents = Set.copyOf(kbIntents);
    opportunisticIntents = Set.copyOf(opportunisticIntents);
    Objects.requireNonNull(generationDeadline, "generationDeadline");
    Objects.requireNonNull(templateLanguage, "templateLanguage");
    if (handoffAfterUnanswered < 1) {
      throw new IllegalArgumentException(
          "handoffAfterUnanswered must be >= 1, was " + handoffAfterUnanswered);
    }
    if (!(directMinConfidence >= 0 && directMinConfidence <= 1)) {
      throw new IllegalArgumentException(
          "directMinConfidence must be in [0, 1], was " + directMinConfidence);
    }
    if (topK < 1 || topK > 50) {
      throw new IllegalArgumentException("topK must be in [1, 50], was " + topK);
    }
  }

  public static DecisionSettings defaults() {
    return new DecisionSettings(
        DEFAULT_KB_INTENTS, Set.of("complaint", "other"), 3, Duration.ofSeconds(20), 5, "en", 0.7);
  }

  /** Whether a greeting or thanks of this confidence gets its direct reply. */
  public boolean confidentEnoughForDirectReply(double confidence) {
    return confidence >= directMinConfidence;
  }

  /** Whether messages of this intent are searched in the knowledge base. */
  public boolean searches(String intent) {
    return kbIntents.contains(intent) || opportunisticIntents.contains(intent);
  }
}
