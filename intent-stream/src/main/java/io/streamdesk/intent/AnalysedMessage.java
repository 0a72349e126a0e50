package io.streamdesk.intent;

import io.streamdesk.intent.text.TextAnalysis;
import io.streamdesk.schemas.events.CustomerMessageReceived;
import java.util.Objects;

/**
 * A customer message after the stateless steps of the intent stream, on its way to the handoff
 * rules. Lives only inside one task (never serialised): it still references the raw inbound
 * message, whose text must not leave the topology.
 *
 * @param message the raw inbound message
 * @param text the text pipeline's analysis (masked text, PII types, policy hits, handoff signals)
 * @param language the routed language
 * @param embeddingModel the model that embedded {@code text.maskedText()}
 * @param embedding the L2-normalised embedding of the masked text
 * @param classification the classifier's prediction
 * @param startedNanos {@link System#nanoTime()} when the intent stream started on the message
 */
public record AnalysedMessage(
    CustomerMessageReceived message,
    TextAnalysis text,
    String language,
    String embeddingModel,
    float[] embedding,
    Classification classification,
    long startedNanos) {

  public AnalysedMessage {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(embeddingModel, "embeddingModel");
    Objects.requireNonNull(embedding, "embedding");
    Objects.requireNonNull(classification, "classification");
  }
}
