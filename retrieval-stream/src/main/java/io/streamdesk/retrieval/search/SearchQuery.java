package io.streamdesk.retrieval.search;

import java.util.Objects;

/**
 * What is actually searched for a message.
 *
 * @param language the index language
 * @param text the keyword query: the message, or for a follow-up the message then the previous
 *     customer text
 * @param vector the query vector, L2-normalised (for a follow-up, the message's vector plus the
 *     weighted previous query vector); null when no vector of the index's model is available
 * @param model the model of {@code vector} ("" when none)
 * @param followUp whether the message was expanded with the previous turn
 */
public record SearchQuery(
    String language, String text, float[] vector, String model, boolean followUp) {

  public SearchQuery {
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(text, "text");
    model = model == null ? "" : model;
  }

  public boolean keywordOnly() {
    return vector == null;
  }
}
