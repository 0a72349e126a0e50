package io.streamdesk.retrieval.search;

import java.util.Objects;

/**
 * What the retrieval stream remembers of a conversation's last knowledge-base search, so that a
 * follow-up ("那银卡呢？", "and the price?") can be searched with its context: the customer's text and
 * the query vector actually searched (itself already expanded when that turn was a follow-up, so
 * context carries over a chain of follow-ups with decaying weight).
 *
 * @param language index language searched
 * @param model embedding model of {@code vector} (a vector of another model is never combined)
 * @param text the customer's masked text of that turn
 * @param vector the query vector searched, L2-normalised; null when the search was keyword-only
 * @param at wall-clock time of that search (epoch ms)
 */
public record FollowUpContext(String language, String model, String text, float[] vector, long at) {

  public FollowUpContext {
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(text, "text");
    model = model == null ? "" : model;
  }
}
